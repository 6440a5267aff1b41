using Microsoft.AspNetCore.Mvc;
using Microsoft.FeatureManagement.Mvc;

namespace Flagkeeper.Web.TestHost.Controllers;

/// <summary>A Razor view using <c>&lt;feature&gt;</c>, and an action behind <c>[FeatureGate]</c>.</summary>
public sealed class PagesController : Controller
{
    [HttpGet("/page")]
    public IActionResult Page() => View("~/Views/Pages/Index.cshtml");

    [HttpGet("/gated")]
    [FeatureGate("gated")]
    public IActionResult Gated() => Content("gate open");
}
