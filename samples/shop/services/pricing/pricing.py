import os

from flagkeeper_client import is_enabled


def cart_total(items):
    total = sum(item.price * item.quantity for item in items)
    if os.getenv("FEATURE_BULK_DISCOUNT") == "true" and len(items) >= 10:
        total *= 0.9
    # Deliberate problem: 'express-shipping' is in no registry.
    if is_enabled("express-shipping"):
        total += 4.99
    return total
