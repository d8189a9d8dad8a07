using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>
/// Wraps every page and action: security headers, the caller's tenant (none: 403), the action policy, antiforgery
/// validation of actions (in the handler, so it does not depend on the host's middleware order), and the publisher's
/// typed errors as pages.
/// </summary>
internal static class DashboardEndpoint
{
    /// <summary>A page (GET) at <paramref name="depth"/> segments below the dashboard's root.</summary>
    public static RequestDelegate Page(int depth, Func<DashboardRequest, Task> handle) => context => RunAsync(context, depth, isAction: false, handle);

    /// <summary>An action (POST form) at <paramref name="depth"/> segments below the dashboard's root.</summary>
    public static RequestDelegate Action(int depth, Func<DashboardRequest, IFormCollection, Task> handle) =>
        context => RunAsync(context, depth, isAction: true, request => handle(request, request.Context.Request.Form));

    private static async Task RunAsync(HttpContext context, int depth, bool isAction, Func<DashboardRequest, Task> handle)
    {
        SecurityHeaders.Apply(context.Response);
        var services = context.RequestServices;
        var tenant = await services.GetRequiredService<DashboardTenantResolver>().ResolveAsync(context).ConfigureAwait(false);
        var canAct = await CanActAsync(context).ConfigureAwait(false);
        var request = new DashboardRequest(context, tenant ?? string.Empty, canAct, depth);
        if (tenant is null)
        {
            await request.MessageAsync(StatusCodes.Status403Forbidden, "No tenant", "Your account is not linked to a tenant, so there is nothing to show.").ConfigureAwait(false);
            return;
        }

        if (isAction)
        {
            if (!canAct)
            {
                Log.ActionForbidden(request.Logger);
                await request.MessageAsync(StatusCodes.Status403Forbidden, "Not allowed", "You may look at deliveries but not change anything.").ConfigureAwait(false);
                return;
            }

            if (!context.Request.HasFormContentType)
            {
                await request.MessageAsync(StatusCodes.Status400BadRequest, "Invalid request", "Actions are sent by the dashboard's forms.").ConfigureAwait(false);
                return;
            }

            try
            {
                await services.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context).ConfigureAwait(false);
            }
            catch (AntiforgeryValidationException)
            {
                Log.AntiforgeryRejected(request.Logger);
                await request.MessageAsync(StatusCodes.Status400BadRequest, "Form expired", "The form's security token is missing or no longer valid. Reload the page and try again.").ConfigureAwait(false);
                return;
            }
        }

        try
        {
            await handle(request).ConfigureAwait(false);
        }
        catch (WebhookPublishingException exception) when (exception.Reason is WebhookPublishingErrorReason.SubscriptionNotFound)
        {
            await request.NotFoundAsync("subscription").ConfigureAwait(false);
        }
        catch (WebhookPublishingException exception) when (exception.Reason is WebhookPublishingErrorReason.SubscriptionConflict)
        {
            await request.MessageAsync(StatusCodes.Status409Conflict, "Changed meanwhile", "Someone changed the subscription at the same time. Reload the page and try again.").ConfigureAwait(false);
        }
        catch (WebhookPublishingException exception) when (exception.Reason is WebhookPublishingErrorReason.SecretUnreadable)
        {
            Log.SecretUnreadable(request.Logger, context.Request.RouteValues.TryGetValue("id", out var id) ? id?.ToString() ?? "?" : "?");
            await request.MessageAsync(StatusCodes.Status500InternalServerError, "Secret unreadable",
                "This application's Data Protection key ring cannot decrypt the subscription's secrets. The host's operators must restore the key ring.").ConfigureAwait(false);
        }
    }

    private static async Task<bool> CanActAsync(HttpContext context)
    {
        var policy = context.RequestServices.GetRequiredService<IOptions<WebhookDashboardOptions>>().Value.ActionPolicy;
        if (string.IsNullOrWhiteSpace(policy))
        {
            return false;
        }

        var result = await context.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, policy).ConfigureAwait(false);
        return result.Succeeded;
    }
}
