namespace Flagkeeper.Registry;

/// <summary>How a key written in code is matched to a registered flag (<see cref="FlagResolver"/>).</summary>
public enum KeyMatching
{
    /// <summary>A usage matches a flag by its key or an alias, exactly.</summary>
    Exact,
    /// <summary>Also across case and separators: new-checkout = NEW_CHECKOUT = newCheckout.</summary>
    Loose,
}
