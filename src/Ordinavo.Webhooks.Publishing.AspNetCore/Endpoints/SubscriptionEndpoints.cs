using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>The subscription endpoints: create, list, get, update, disable, enable, delete, rotate and expire secrets.</summary>
internal static class SubscriptionEndpoints
{
    private const string Tag = "Webhook subscriptions";
    private const string LogCategory = "Ordinavo.Webhooks.Publishing.AspNetCore.WebhookAdmin";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/subscriptions", CreateAsync)
            .WithName("CreateWebhookSubscription").WithSummary("Creates a subscription; its secret is shown once.").WithTags(Tag)
            .AcceptsJson<AdminSubscriptionRequest>()
            .Produces<AdminIssuedSecret>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/subscriptions", ListAsync)
            .WithName("ListWebhookSubscriptions").WithSummary("Lists the tenant's subscriptions, one page at a time (pageSize 1-200, default 50; after = nextAfter of the previous page).").WithTags(Tag)
            .Produces<AdminSubscriptionPage>()
            .ProducesValidationProblem();

        group.MapGet("/subscriptions/{id}", GetAsync)
            .WithName("GetWebhookSubscription").WithSummary("Reads one subscription (never its secrets' values).").WithTags(Tag)
            .Produces<AdminSubscription>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/subscriptions/{id}", UpdateAsync)
            .WithName("UpdateWebhookSubscription").WithSummary("Replaces the subscription's definition when the version sent is still current.").WithTags(Tag)
            .AcceptsJson<AdminSubscriptionUpdateRequest>()
            .Produces<AdminSubscription>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapPost("/subscriptions/{id}/disable", DisableAsync)
            .WithName("DisableWebhookSubscription").WithSummary("Disables the subscription (with an optional operator note); its pending deliveries are dead-lettered as they come due.").WithTags(Tag)
            .AcceptsJson<AdminStateChangeRequest>(isOptional: true)
            .Produces<AdminSubscription>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/subscriptions/{id}/enable", EnableAsync)
            .WithName("EnableWebhookSubscription").WithSummary("Enables the subscription again (with an optional operator note).").WithTags(Tag)
            .AcceptsJson<AdminStateChangeRequest>(isOptional: true)
            .Produces<AdminSubscription>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/subscriptions/{id}", DeleteAsync)
            .WithName("DeleteWebhookSubscription").WithSummary("Deletes the subscription (with ?version=, only when that version is current).").WithTags(Tag)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/subscriptions/{id}/rotate-secret", RotateSecretAsync)
            .WithName("RotateWebhookSubscriptionSecret").WithSummary("Adds a new secret (shown once); the old ones keep signing beside it for the grace period.").WithTags(Tag)
            .AcceptsJson<AdminRotateSecretRequest>(isOptional: true)
            .Produces<AdminIssuedSecret>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/subscriptions/{id}/expire-old-secrets", ExpireOldSecretsAsync)
            .WithName("ExpireOldWebhookSubscriptionSecrets").WithSummary("Ends the grace period now: only the newest secret keeps signing.").WithTags(Tag)
            .AcceptsJson<AdminVersionRequest>(isOptional: true)
            .Produces<AdminSubscription>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] IWebhookSubscriptionManager manager, CancellationToken cancellationToken)
    {
        var body = await AdminBodyReader.ReadAsync(context, AdminJsonContext.Default.AdminSubscriptionRequest, required: true, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (!TryDefinition(body.Value!, out var definition, out var problem))
        {
            return problem;
        }

        var tenant = AdminTenantAccessor.Tenant(context);
        var issued = await manager.CreateAsync(tenant, definition, cancellationToken).ConfigureAwait(false);
        Log.SubscriptionAction(Logger(context), "create", tenant, issued.Subscription.Id);
        context.Response.Headers.Location = $"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(issued.Subscription.Id)}";
        return TypedResults.Json(AdminIssuedSecret.From(issued), AdminJsonContext.Default.AdminIssuedSecret, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string? pageSize, string? after, [FromServices] IWebhookSubscriptionManager manager, CancellationToken cancellationToken)
    {
        var query = new AdminQueryErrors();
        var size = query.Int("pageSize", pageSize, 1, WebhookSubscriptionListQuery.MaxPageSize);
        var from = query.Text("after", after, 256);
        if (query.HasErrors)
        {
            return AdminProblems.Validation(query.Errors);
        }

        var page = await manager.ListAsync(AdminTenantAccessor.Tenant(context), new WebhookSubscriptionListQuery { PageSize = size ?? 50, After = from }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new AdminSubscriptionPage { Items = [.. page.Items.Select(AdminSubscription.From)], NextAfter = page.ContinuationToken }, AdminJsonContext.Default.AdminSubscriptionPage);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, [FromServices] IWebhookSubscriptionManager manager, CancellationToken cancellationToken)
    {
        var info = await manager.GetAsync(AdminTenantAccessor.Tenant(context), id, cancellationToken).ConfigureAwait(false);
        return info is null ? AdminProblems.NotFound("subscription") : Json(info);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, [FromServices] IWebhookSubscriptionManager manager, CancellationToken cancellationToken)
    {
        var body = await AdminBodyReader.ReadAsync(context, AdminJsonContext.Default.AdminSubscriptionUpdateRequest, required: true, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (!TryDefinition(body.Value!, out var definition, out var problem))
        {
            return problem;
        }

        var tenant = AdminTenantAccessor.Tenant(context);
        var info = await manager.UpdateAsync(tenant, id, definition, body.Value!.Version, cancellationToken).ConfigureAwait(false);
        Log.SubscriptionAction(Logger(context), "update", tenant, id);
        return Json(info);
    }

    private static async Task<IResult> DisableAsync(HttpContext context, string id, [FromServices] IWebhookSubscriptionManager manager, CancellationToken cancellationToken)
    {
        var body = await AdminBodyReader.ReadAsync(context, AdminJsonContext.Default.AdminStateChangeRequest, required: false, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        // The note is the tenant's own text: stored and returned, never logged.
        var tenant = AdminTenantAccessor.Tenant(context);
        var info = await manager.DisableAsync(tenant, id, body.Value?.Note, body.Value?.Version, cancellationToken).ConfigureAwait(false);
        Log.SubscriptionAction(Logger(context), "disable", tenant, id);
        return Json(info);
    }

    private static async Task<IResult> EnableAsync(HttpContext context, string id, [FromServices] IWebhookSubscriptionManager manager, CancellationToken cancellationToken)
    {
        var body = await AdminBodyReader.ReadAsync(context, AdminJsonContext.Default.AdminStateChangeRequest, required: false, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var tenant = AdminTenantAccessor.Tenant(context);
        var info = await manager.EnableAsync(tenant, id, body.Value?.Note, body.Value?.Version, cancellationToken).ConfigureAwait(false);
        Log.SubscriptionAction(Logger(context), "enable", tenant, id);
        return Json(info);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, string? version, [FromServices] IWebhookSubscriptionManager manager, CancellationToken cancellationToken)
    {
        var query = new AdminQueryErrors();
        var expected = query.Long("version", version);
        if (query.HasErrors)
        {
            return AdminProblems.Validation(query.Errors);
        }

        var tenant = AdminTenantAccessor.Tenant(context);
        await manager.DeleteAsync(tenant, id, expected, cancellationToken).ConfigureAwait(false);
        Log.SubscriptionAction(Logger(context), "delete", tenant, id);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RotateSecretAsync(HttpContext context, string id, [FromServices] IWebhookSubscriptionManager manager, CancellationToken cancellationToken)
    {
        var body = await AdminBodyReader.ReadAsync(context, AdminJsonContext.Default.AdminRotateSecretRequest, required: false, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        TimeSpan? grace = null;
        if (body.Value?.GracePeriodSeconds is { } seconds)
        {
            // TimeSpan.FromSeconds throws beyond about 29,000 years; the manager checks the configured maximum.
            if (seconds < 0 || seconds > (long)TimeSpan.MaxValue.TotalSeconds)
            {
                return AdminProblems.Validation("gracePeriodSeconds", "Must be zero or a positive number of seconds.");
            }

            grace = TimeSpan.FromSeconds(seconds);
        }

        var tenant = AdminTenantAccessor.Tenant(context);
        var issued = await manager.RotateSecretAsync(tenant, id, grace, body.Value?.Version, cancellationToken).ConfigureAwait(false);
        Log.SubscriptionAction(Logger(context), "rotate secret", tenant, id);
        return TypedResults.Json(AdminIssuedSecret.From(issued), AdminJsonContext.Default.AdminIssuedSecret);
    }

    private static async Task<IResult> ExpireOldSecretsAsync(HttpContext context, string id, [FromServices] IWebhookSubscriptionManager manager, CancellationToken cancellationToken)
    {
        var body = await AdminBodyReader.ReadAsync(context, AdminJsonContext.Default.AdminVersionRequest, required: false, cancellationToken).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var tenant = AdminTenantAccessor.Tenant(context);
        var info = await manager.ExpireOldSecretsAsync(tenant, id, body.Value?.Version, cancellationToken).ConfigureAwait(false);
        Log.SubscriptionAction(Logger(context), "expire old secrets", tenant, id);
        return Json(info);
    }

    private static bool TryDefinition(AdminSubscriptionRequest request, out WebhookSubscriptionDefinition definition, out IResult problem)
    {
        definition = null!;
        problem = null!;
        if (request.EndpointUrl.Length > WebhookSubscriptionDefinition.MaxEndpointUrlLength)
        {
            problem = AdminProblems.Validation("endpointUrl", $"The endpoint URL must be at most {WebhookSubscriptionDefinition.MaxEndpointUrlLength} characters.");
            return false;
        }

        if (!Uri.TryCreate(request.EndpointUrl, UriKind.Absolute, out var endpoint))
        {
            problem = AdminProblems.Validation("endpointUrl", "The endpoint URL must be an absolute https:// URL.");
            return false;
        }

        definition = new WebhookSubscriptionDefinition
        {
            EndpointUrl = endpoint,
            EventTypes = [.. request.EventTypes],
            SourceSystem = request.SourceSystem,
            Description = request.Description,
            PayloadOptions = request.PayloadOptions.ToOptions(),
            StandardWebhooksHeaders = request.StandardWebhooksHeaders,
        };
        return true;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<AdminSubscription> Json(WebhookSubscriptionInfo info) =>
        TypedResults.Json(AdminSubscription.From(info), AdminJsonContext.Default.AdminSubscription);

    private static ILogger Logger(HttpContext context) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ILoggerFactory>(context.RequestServices).CreateLogger(LogCategory);
}
