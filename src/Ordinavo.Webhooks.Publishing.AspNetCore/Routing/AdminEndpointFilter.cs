using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// Runs around every admin endpoint: resolves the caller's tenant (none: 403) and turns the publisher's typed
/// errors into problem details.
/// </summary>
internal sealed class AdminEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tenant = await http.RequestServices.GetRequiredService<AdminTenantAccessor>().ResolveAsync(http).ConfigureAwait(false);
        if (tenant is null)
        {
            return AdminProblems.TenantRequired();
        }

        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (WebhookPublishingException exception) when (exception.Reason is WebhookPublishingErrorReason.InvalidSubscription && exception.Errors.Count > 0)
        {
            return AdminProblems.Validation(new System.Collections.Generic.Dictionary<string, string[]>(exception.Errors, System.StringComparer.Ordinal));
        }
        catch (WebhookPublishingException exception) when (exception.Reason is WebhookPublishingErrorReason.InvalidSubscription)
        {
            return AdminProblems.InvalidSubscription(exception.Message);
        }
        catch (WebhookPublishingException exception) when (exception.Reason is WebhookPublishingErrorReason.SubscriptionNotFound)
        {
            return AdminProblems.NotFound("subscription");
        }
        catch (WebhookPublishingException exception) when (exception.Reason is WebhookPublishingErrorReason.SubscriptionConflict)
        {
            return AdminProblems.Conflict(exception.Message);
        }
        catch (WebhookPublishingException exception) when (exception.Reason is WebhookPublishingErrorReason.SecretUnreadable)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ordinavo.Webhooks.Publishing.AspNetCore.WebhookAdmin");
            Log.SecretUnreadable(logger, http.Request.RouteValues.TryGetValue("id", out var id) ? id?.ToString() ?? "?" : "?");
            return AdminProblems.SecretUnreadable();
        }
    }
}
