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

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// Refuses to start a host whose admin endpoints carry no authorization. Runs when the request pipeline is built,
/// after the host mapped its endpoints and before the server accepts a request.
/// </summary>
internal sealed class WebhookAdminStartupCheck(IOptions<WebhookAdminOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        if (options.Value.AllowAnonymousForDevelopment)
        {
            return;
        }

        var dataSource = app.ApplicationServices.GetService<EndpointDataSource>();
        if (dataSource is null)
        {
            return;
        }

        var unprotected = EndpointAuthorization.UnprotectedPrefixes<WebhookAdminEndpointMarker>(dataSource.Endpoints, marker => marker.Prefix);
        if (unprotected.Count > 0)
        {
            throw new InvalidOperationException(
                $"The webhook admin endpoints at '{string.Join("', '", unprotected)}' have no authorization, so anyone could change subscriptions and read deliveries. " +
                "Add authorization to the group MapOrdinavoWebhookAdmin returns, for example app.MapOrdinavoWebhookAdmin(\"/admin/webhooks\").RequireAuthorization(\"webhook-admin\") " +
                "(and remove any AllowAnonymous). For a development host only, set WebhookAdminOptions.AllowAnonymousForDevelopment = true.");
        }
    };
}
