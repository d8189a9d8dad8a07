using System;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// One handler registration: which event types (exact, <c>category.*</c> or <c>*</c>) go to which handler: a type resolved
/// from the event's DI scope, or, for a delegate, the one <paramref name="Instance"/> that wraps it.
/// </summary>
internal sealed record WebhookHandlerRegistration(string Pattern, Type HandlerType, IWebhookHandler? Instance = null)
{
    public const string AllPattern = "*";

    /// <summary>How start-up messages name the handler: the registered class, or the delegate's event view.</summary>
    public string HandlerName => Instance is not null
        ? $"a handler delegate of {HandlerType.GetGenericArguments()[0].Name}"
        : HandlerType.IsGenericType && HandlerType.GetGenericTypeDefinition() == typeof(TypedWebhookHandler<,>)
            ? HandlerType.GetGenericArguments()[0].Name // a typed handler runs through an adapter: name the handler the host registered
            : HandlerType.Name;

    /// <summary>The handler for one event: the delegate's wrapper, or the type resolved from the event's scope.</summary>
    public IWebhookHandler Resolve(IServiceProvider services) =>
        Instance ?? (IWebhookHandler)services.GetRequiredService(HandlerType);

    public bool Matches(WebhookEventType eventType)
    {
        var value = eventType.Value;
        if (Pattern.Length == 1)
        {
            return true;
        }

        if (Pattern.EndsWith(".*", StringComparison.Ordinal))
        {
            var prefixLength = Pattern.Length - 1; // "visit_report." including the dot
            return value.Length > prefixLength && value.AsSpan().StartsWith(Pattern.AsSpan(0, prefixLength), StringComparison.Ordinal);
        }

        return string.Equals(value, Pattern, StringComparison.Ordinal);
    }

    /// <summary>Checks a pattern: <c>*</c>, a well-formed event type, or a well-formed prefix followed by <c>.*</c>.</summary>
    public static bool IsValidPattern([NotNullWhen(true)] string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }

        if (pattern == AllPattern)
        {
            return true;
        }

        return pattern.EndsWith(".*", StringComparison.Ordinal)
            ? WebhookEventType.IsWellFormed(pattern.AsSpan(0, pattern.Length - 2))
            : WebhookEventType.IsWellFormed(pattern.AsSpan());
    }
}
