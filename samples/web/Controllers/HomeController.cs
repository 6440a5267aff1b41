using Microsoft.AspNetCore.Mvc;
using Microsoft.FeatureManagement.Mvc;

namespace Flagkeeper.Sample.Web.Controllers;

/// <summary>Microsoft.FeatureManagement's own attributes and tag helper, answered from flags.yaml.</summary>
public sealed class HomeController : Controller
{
    /// <summary>A page whose banner is a <c>&lt;feature&gt;</c> tag on <c>maintenance-banner</c>.</summary>
    [HttpGet("/")]
    public IActionResult Index() => View();

    /// <summary>Behind <c>[FeatureGate]</c>: 404 while <c>reports</c> is off.</summary>
    [HttpGet("/reports")]
    [FeatureGate("reports")]
    public IActionResult Reports() => Content("reports are open");
}
