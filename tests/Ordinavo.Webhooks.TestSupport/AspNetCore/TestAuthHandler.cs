using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.TestSupport.AspNetCore;

/// <summary>
/// Authenticates a request that carries <c>X-Test-User</c>; <c>X-Test-Tenant</c> adds a <c>tenant</c> claim and
/// <c>X-Test-Role</c> a role claim (the dashboard test hosts' action policy asks for <c>operator</c>). A browser sends them as
/// extra headers of its context.
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string TenantHeader = "X-Test-Tenant";
    public const string RoleHeader = "X-Test-Role";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[UserHeader].ToString();
        if (user.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, user) };
        var tenant = Request.Headers[TenantHeader].ToString();
        if (tenant.Length > 0)
        {
            claims.Add(new Claim("tenant", tenant));
        }

        var role = Request.Headers[RoleHeader].ToString();
        if (role.Length > 0)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
