using System;
using System.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Shared;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>
/// Refuses to start a host whose dashboard names a policy the host did not register, or whose dashboard endpoints
/// carry no authorization (for example an <c>AllowAnonymous()</c> on the group) without
/// <see cref="WebhookDashboardOptions.AllowAnonymousForDevelopment"/>. Runs when the request pipeline is built, after
/// the host mapped its endpoints and before the server accepts a request.
/// </summary>
internal sealed class WebhookDashboardStartupCheck(IOptions<WebhookDashboardOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        var dataSource = app.ApplicationServices.GetService<EndpointDataSource>();
        var mapped = dataSource?.Endpoints.Where(e => e.Metadata.GetMetadata<WebhookDashboardEndpointMarker>() is not null).ToList() ?? [];
        if (mapped.Count == 0)
        {
            return;
        }

        var value = options.Value;
        var policies = app.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        foreach (var (option, policy) in new[] { ("ViewPolicy", value.ViewPolicy), ("ActionPolicy", value.ActionPolicy) })
        {
            // Start-up runs once and synchronously; the default provider answers without waiting.
            if (!string.IsNullOrWhiteSpace(policy) && policies.GetPolicyAsync(policy).GetAwaiter().GetResult() is null)
            {
                throw new InvalidOperationException(
                    $"WebhookDashboardOptions.{option} names the authorization policy '{policy}', which is not registered. " +
                    $"Register it, for example builder.Services.AddAuthorizationBuilder().AddPolicy(\"{policy}\", policy => policy.RequireClaim(...)), or correct the name.");
            }
        }

        if (value.AllowAnonymousForDevelopment)
        {
            return;
        }

        var unprotected = EndpointAuthorization.UnprotectedPrefixes<WebhookDashboardEndpointMarker>(mapped, marker => marker.Prefix);
        if (unprotected.Count > 0)
        {
            throw new InvalidOperationException(
                $"The webhook dashboard at '{string.Join("', '", unprotected)}' has no authorization (an AllowAnonymous on its group?), so anyone could read deliveries. " +
                "Remove the AllowAnonymous: the dashboard requires WebhookDashboardOptions.ViewPolicy on its own. " +
                "For a development host only, set WebhookDashboardOptions.AllowAnonymousForDevelopment = true.");
        }
    };
}
