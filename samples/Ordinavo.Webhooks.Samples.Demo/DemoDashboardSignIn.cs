using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Routing;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>
/// How a person reaches the demo's dashboard from a browser, which cannot send the admin API's key header: the demo
/// prints a sign-in link with a code made for this run; the first request with that code gets an authentication cookie
/// (ASP.NET Core cookie authentication) for the demo's tenant, and the code is spent. The dashboard itself requires a
/// real authorization policy on that cookie. A real backend signs its operators in with its own login (for example
/// OpenID Connect) and names its policies in <c>AddOrdinavoWebhookDashboard</c>.
/// </summary>
internal sealed class DemoDashboardSignIn
{
    public const string Path = "/demo/sign-in";
    public const string CookieName = "ordinavo-demo-dashboard";

    private readonly byte[] _code;
    private readonly string _tenantId;
    private int _used;

    public DemoDashboardSignIn(string tenantId)
    {
        _tenantId = tenantId;
        Code = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _code = Encoding.ASCII.GetBytes(Code);
    }

    /// <summary>The one-time code the printed link carries.</summary>
    public string Code { get; }

    /// <summary>Maps <c>GET /demo/sign-in?code=...</c>: signs the browser in once, then sends it to the dashboard.</summary>
    public void Map(IEndpointRouteBuilder endpoints, string dashboardPrefix) =>
        endpoints.MapGet(Path, async (HttpContext context, string? code) =>
        {
            var signedIn = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (!signedIn.Succeeded)
            {
                if (!TryUse(code))
                {
                    return Results.Text(
                        "This sign-in link is not valid or was used already. Restart the demo with --dashboard for a new one.",
                        statusCode: StatusCodes.Status403Forbidden);
                }

                var identity = new ClaimsIdentity(
                    [new Claim(DemoApiKeyHandler.TenantClaim, _tenantId), new Claim(ClaimTypes.Role, "operator")],
                    CookieAuthenticationDefaults.AuthenticationScheme);
                await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            }

            return Results.LocalRedirect(dashboardPrefix + "/");
        }).ExcludeFromDescription();

    /// <summary>True for the first request with the right code only (constant-time comparison: the code is a credential).</summary>
    private bool TryUse(string? code) =>
        code is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(code), _code) &&
        Interlocked.Exchange(ref _used, 1) == 0;
}
