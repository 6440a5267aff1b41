using Microsoft.AspNetCore.Mvc;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.Mvc;

namespace Shop.Web.Checkout;

public sealed class CheckoutController(IFeatureManager features) : Controller
{
    [FeatureGate("new-checkout")]
    public IActionResult Index() => View();

    public async Task<IActionResult> Pay()
    {
        if (await features.IsEnabledAsync("checkout-kill-switch"))
        {
            return StatusCode(503);
        }
        // The v2 client is behind its own operational flag.
        return await features.IsEnabledAsync("payments-v2") ? View("PayV2") : View("Pay");
    }
}
