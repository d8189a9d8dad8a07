using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>Validates <see cref="WebhookPublisherOptions"/> at start.</summary>
internal sealed class WebhookPublisherOptionsValidator : IValidateOptions<WebhookPublisherOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookPublisherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RetrySchedule is null)
        {
            errors.Add("RetrySchedule must be set (it may be empty: one attempt, then dead letter).");
        }
        else if (options.RetrySchedule.Count > 100)
        {
            errors.Add("RetrySchedule has more than 100 delays.");
        }
        else
        {
            foreach (var delay in options.RetrySchedule)
            {
                if (delay <= TimeSpan.Zero)
                {
                    errors.Add("Every RetrySchedule delay must be positive.");
                    break;
                }
            }
        }

        if (options.RetryJitter is < 0 or > 1 || double.IsNaN(options.RetryJitter))
        {
            errors.Add("RetryJitter must be between 0 and 1.");
        }

        Positive(options.AttemptTimeout, nameof(options.AttemptTimeout), errors);
        Positive(options.LeaseDuration, nameof(options.LeaseDuration), errors);
        Positive(options.PollInterval, nameof(options.PollInterval), errors);
        Positive(options.BusyEndpointDeferral, nameof(options.BusyEndpointDeferral), errors);
        Positive(options.MaximumRetryAfter, nameof(options.MaximumRetryAfter), errors);
        if (options.MinimumDelayAfterTimeoutOrThrottle < TimeSpan.Zero)
        {
            errors.Add("MinimumDelayAfterTimeoutOrThrottle must not be negative.");
        }

        if (options.AutoDisableAfter is { } autoDisable && autoDisable <= TimeSpan.Zero)
        {
            errors.Add("AutoDisableAfter must be positive (or null to turn the rule off).");
        }

        if (options.Retention is { } retention && retention <= TimeSpan.Zero)
        {
            errors.Add("Retention must be positive (or null to turn purging off).");
        }

        if (options.LeaseDuration < options.AttemptTimeout + TimeSpan.FromSeconds(1))
        {
            errors.Add("LeaseDuration must be at least AttemptTimeout + 1 s, or another worker could take a delivery still being attempted.");
        }

        if (options.MaxConcurrentDeliveries < 1)
        {
            errors.Add("MaxConcurrentDeliveries must be at least 1.");
        }

        if (options.MaxConcurrentDeliveriesPerEndpoint < 1 || options.MaxConcurrentDeliveriesPerEndpoint > options.MaxConcurrentDeliveries)
        {
            errors.Add("MaxConcurrentDeliveriesPerEndpoint must be between 1 and MaxConcurrentDeliveries.");
        }

        if (options.LeaseBatchSize is < 1 or > 1000)
        {
            errors.Add("LeaseBatchSize must be between 1 and 1000.");
        }

        if (options.WorkerId is { } workerId && string.IsNullOrWhiteSpace(workerId))
        {
            errors.Add("WorkerId must not be blank.");
        }

        if (options.AllowedDestinations is null)
        {
            errors.Add("AllowedDestinations must be set (it may be empty).");
        }
        else if (!DestinationPolicy.TryCreate(options.AllowedDestinations, out _, out var destinationError))
        {
            errors.Add(destinationError);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(TimeSpan value, string name, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be positive.");
        }
    }
}
