using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>Refuses to start without a view policy (unless for development) and with a page size out of range.</summary>
internal sealed class WebhookDashboardOptionsValidator : IValidateOptions<WebhookDashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookDashboardOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (string.IsNullOrWhiteSpace(options.ViewPolicy) && !options.AllowAnonymousForDevelopment)
        {
            builder.AddError(
                "The webhook dashboard has no view policy, so anyone could read deliveries. Set WebhookDashboardOptions.ViewPolicy in " +
                "AddOrdinavoWebhookDashboard(options => options.ViewPolicy = \"webhook-support\") to a policy registered with AddAuthorization. " +
                "For a development host only, set WebhookDashboardOptions.AllowAnonymousForDevelopment = true.");
        }

        if (options.PageSize is < 1 or > 200)
        {
            builder.AddError($"WebhookDashboardOptions.PageSize must be between 1 and 200 (it is {options.PageSize}).");
        }

        return builder.Build();
    }
}
