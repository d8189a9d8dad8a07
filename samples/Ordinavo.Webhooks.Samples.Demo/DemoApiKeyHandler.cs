using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>
/// The demo's authentication for the admin API: one operator API key, created at start, in the <c>X-Api-Key</c>
/// header, standing for one tenant. A real backend uses its own scheme (for example JWT bearer tokens); the admin API
/// only needs an authenticated caller and a tenant claim.
/// </summary>
internal sealed class DemoApiKeyHandler(IOptionsMonitor<DemoApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<DemoApiKeyOptions>(options, logger, encoder)
{
    public const string SchemeName = "DemoApiKey";
    public const string Header = "X-Api-Key";
    public const string TenantClaim = "tenant";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Constant-time comparison: the key is a credential.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(values[0]!), Encoding.UTF8.GetBytes(Options.Key)))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(TenantClaim, Options.TenantId)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
