using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Receiving;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Handler registration and store choices for a webhook receiver.</summary>
public static class WebhookReceiverBuilderExtensions
{
    /// <summary>
    /// Sends events matching <paramref name="eventTypePattern"/> to <typeparamref name="THandler"/>, created for each event
    /// in the event's DI scope (registered transient unless you registered it first with a lifetime of your own). The
    /// pattern is an event type (<c>"visit_report.approved"</c>), a category wildcard (<c>"visit_report.*"</c>) or <c>"*"</c> for every event. Registering the same pair twice has no effect.
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="builder">The receiver builder.</param>
    /// <param name="eventTypePattern">Which event types the handler receives.</param>
    /// <returns>The builder.</returns>
    public static IWebhookReceiverBuilder AddHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IWebhookReceiverBuilder builder,
        string eventTypePattern)
        where THandler : class, IWebhookHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!WebhookHandlerRegistration.IsValidPattern(eventTypePattern))
        {
            throw new ArgumentException(
                "The pattern must be an event type (e.g. \"visit_report.approved\"), a wildcard over a prefix (e.g. \"visit_report.*\") or \"*\".",
                nameof(eventTypePattern));
        }

        builder.Services.TryAddTransient<THandler>();
        return Register(builder, new WebhookHandlerRegistration(eventTypePattern, typeof(THandler)));
    }

    /// <summary>Sends events of <paramref name="eventType"/> to <typeparamref name="THandler"/>.</summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="builder">The receiver builder.</param>
    /// <param name="eventType">The event type.</param>
    /// <returns>The builder.</returns>
    public static IWebhookReceiverBuilder AddHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IWebhookReceiverBuilder builder,
        WebhookEventType eventType)
        where THandler : class, IWebhookHandler
    {
        if (eventType.IsEmpty)
        {
            throw new ArgumentException("The event type is empty.", nameof(eventType));
        }

        return builder.AddHandler<THandler>(eventType.Value);
    }

    /// <summary>
    /// Sends events of <paramref name="eventType"/> to the typed handler <typeparamref name="THandler"/>, which gets the
    /// category's view <typeparamref name="TEvent"/> (its section non-nullable). The event type must belong to the
    /// view's category (for example <c>visit_report.approved</c> for <see cref="VisitReportWebhookEvent"/>).
    /// </summary>
    /// <typeparam name="THandler">The handler type (created for each event in the event's DI scope: registered transient unless you registered it first).</typeparam>
    /// <typeparam name="TEvent">The category's event view.</typeparam>
    /// <param name="builder">The receiver builder.</param>
    /// <param name="eventType">The event type.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The event type is empty or belongs to another category.</exception>
    public static IWebhookReceiverBuilder AddHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler, TEvent>(
        this IWebhookReceiverBuilder builder,
        WebhookEventType eventType)
        where THandler : class, IWebhookHandler<TEvent>
        where TEvent : WebhookCategoryEvent
    {
        ArgumentNullException.ThrowIfNull(builder);
        CheckCategory<TEvent>(eventType);
        builder.Services.TryAddTransient<THandler>();
        return builder.AddHandler<TypedWebhookHandler<THandler, TEvent>>(eventType.Value);
    }

    /// <summary>Sends every event type of <typeparamref name="TEvent"/>'s category (for example <c>visit_report.*</c>) to the typed handler <typeparamref name="THandler"/>.</summary>
    /// <typeparam name="THandler">The handler type (created for each event in the event's DI scope: registered transient unless you registered it first).</typeparam>
    /// <typeparam name="TEvent">The category's event view.</typeparam>
    /// <param name="builder">The receiver builder.</param>
    /// <returns>The builder.</returns>
    public static IWebhookReceiverBuilder AddHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler, TEvent>(
        this IWebhookReceiverBuilder builder)
        where THandler : class, IWebhookHandler<TEvent>
        where TEvent : WebhookCategoryEvent
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddTransient<THandler>();
        return builder.AddHandler<TypedWebhookHandler<THandler, TEvent>>(WebhookCategoryEvents.Pattern(WebhookCategoryEvents.CategoryOf(typeof(TEvent))));
    }

    /// <summary>
    /// Sends events of <paramref name="eventType"/> to a delegate that gets the category's view <typeparamref name="TEvent"/>
    /// (its section non-nullable), chosen from the delegate's first parameter:
    /// <c>AddHandler(WebhookEventType.VisitReportApproved, (VisitReportWebhookEvent e, WebhookEventContext context, CancellationToken ct) =&gt; ...)</c>.
    /// For small receivers; the same rules and start-up checks as a handler class (<see cref="IWebhookHandler{TEvent}"/>,
    /// the form to prefer for real code): complete to have the event marked handled, throw to have it delivered again.
    /// Take services from the event's DI scope with <see cref="WebhookEventContext.Services"/>.
    /// </summary>
    /// <typeparam name="TEvent">The category's event view.</typeparam>
    /// <param name="builder">The receiver builder.</param>
    /// <param name="eventType">The event type; it must belong to the view's category.</param>
    /// <param name="handler">Handles one event (called once per event, possibly concurrently).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The event type is empty or belongs to another category.</exception>
    public static IWebhookReceiverBuilder AddHandler<TEvent>(
        this IWebhookReceiverBuilder builder,
        WebhookEventType eventType,
        Func<TEvent, WebhookEventContext, CancellationToken, Task> handler)
        where TEvent : WebhookCategoryEvent
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(handler);
        CheckCategory<TEvent>(eventType);
        return Register(builder, new WebhookHandlerRegistration(eventType.Value, typeof(DelegateWebhookHandler<TEvent>), new DelegateWebhookHandler<TEvent>(handler)));
    }

    /// <summary>
    /// Sends every event type of <typeparamref name="TEvent"/>'s category (for example <c>visit_report.*</c>) to a delegate
    /// that gets the category's view: <c>AddHandler((BillingWebhookEvent e, WebhookEventContext context, CancellationToken ct) =&gt; ...)</c>.
    /// </summary>
    /// <typeparam name="TEvent">The category's event view.</typeparam>
    /// <param name="builder">The receiver builder.</param>
    /// <param name="handler">Handles one event (called once per event, possibly concurrently).</param>
    /// <returns>The builder.</returns>
    public static IWebhookReceiverBuilder AddHandler<TEvent>(
        this IWebhookReceiverBuilder builder,
        Func<TEvent, WebhookEventContext, CancellationToken, Task> handler)
        where TEvent : WebhookCategoryEvent
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(handler);
        var pattern = WebhookCategoryEvents.Pattern(WebhookCategoryEvents.CategoryOf(typeof(TEvent)));
        return Register(builder, new WebhookHandlerRegistration(pattern, typeof(DelegateWebhookHandler<TEvent>), new DelegateWebhookHandler<TEvent>(handler)));
    }

    /// <summary>Sends every event (known or not) to <typeparamref name="THandler"/>.</summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="builder">The receiver builder.</param>
    /// <returns>The builder.</returns>
    public static IWebhookReceiverBuilder AddHandlerForAll<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IWebhookReceiverBuilder builder)
        where THandler : class, IWebhookHandler =>
        builder.AddHandler<THandler>(WebhookHandlerRegistration.AllPattern);

    /// <summary>Configures the receiver's options.</summary>
    /// <param name="builder">The receiver builder.</param>
    /// <param name="configure">Sets secrets, tolerance, body limit, lease duration.</param>
    /// <returns>The builder.</returns>
    public static IWebhookReceiverBuilder Configure(this IWebhookReceiverBuilder builder, Action<WebhookReceiverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }

    /// <summary>
    /// Uses your own <see cref="IWebhookInbox"/> (for example on your database, so that several instances share it and
    /// it survives restarts). Resolved from the per-event scope, so a scoped inbox shares the handler's unit of work.
    /// </summary>
    /// <typeparam name="TInbox">The inbox type.</typeparam>
    /// <param name="builder">The receiver builder.</param>
    /// <param name="lifetime">The inbox's lifetime; default scoped.</param>
    /// <returns>The builder.</returns>
    public static IWebhookReceiverBuilder UseInbox<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TInbox>(
        this IWebhookReceiverBuilder builder,
        ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TInbox : class, IWebhookInbox
    {
        ArgumentNullException.ThrowIfNull(builder);
        Replace(builder, typeof(IWebhookInbox), new ServiceDescriptor(typeof(IWebhookInbox), builder.Name, typeof(TInbox), lifetime));
        return builder;
    }

    /// <summary>Uses the bounded in-process inbox (the default) with the given bounds.</summary>
    /// <param name="builder">The receiver builder.</param>
    /// <param name="configure">Sets size and retention; optional.</param>
    /// <returns>The builder.</returns>
    public static IWebhookReceiverBuilder UseInMemoryInbox(this IWebhookReceiverBuilder builder, Action<InMemoryWebhookInboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (configure is not null)
        {
            builder.Services.Configure(builder.Name, configure);
        }

        Replace(builder, typeof(IWebhookInbox), ServiceDescriptor.KeyedSingleton<IWebhookInbox>(builder.Name, static (sp, key) => new InMemoryWebhookInbox(
            sp.GetRequiredService<Options.IOptionsMonitor<InMemoryWebhookInboxOptions>>().Get((string?)key),
            sp.GetRequiredService<TimeProvider>())));
        return builder;
    }

    /// <summary>Uses your own <see cref="IWebhookOrderingStore"/> (resolved from the per-event scope).</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <param name="builder">The receiver builder.</param>
    /// <param name="lifetime">The store's lifetime; default scoped.</param>
    /// <returns>The builder.</returns>
    public static IWebhookReceiverBuilder UseOrderingStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(
        this IWebhookReceiverBuilder builder,
        ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TStore : class, IWebhookOrderingStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        Replace(builder, typeof(IWebhookOrderingStore), new ServiceDescriptor(typeof(IWebhookOrderingStore), builder.Name, typeof(TStore), lifetime));
        return builder;
    }

    /// <summary>Uses the bounded in-process ordering store (the default) with the given bound.</summary>
    /// <param name="builder">The receiver builder.</param>
    /// <param name="configure">Sets the bound; optional.</param>
    /// <returns>The builder.</returns>
    public static IWebhookReceiverBuilder UseInMemoryOrderingStore(this IWebhookReceiverBuilder builder, Action<InMemoryWebhookOrderingStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (configure is not null)
        {
            builder.Services.Configure(builder.Name, configure);
        }

        Replace(builder, typeof(IWebhookOrderingStore), ServiceDescriptor.KeyedSingleton<IWebhookOrderingStore>(builder.Name, static (sp, key) => new InMemoryWebhookOrderingStore(
            sp.GetRequiredService<Options.IOptionsMonitor<InMemoryWebhookOrderingStoreOptions>>().Get((string?)key))));
        return builder;
    }

    private static IWebhookReceiverBuilder Register(IWebhookReceiverBuilder builder, WebhookHandlerRegistration registration)
    {
        builder.Services.Configure<WebhookReceiverOptions>(builder.Name, options =>
        {
            if (!options.Handlers.Contains(registration))
            {
                options.Handlers.Add(registration);
            }
        });
        return builder;
    }

    private static void CheckCategory<TEvent>(WebhookEventType eventType)
        where TEvent : WebhookCategoryEvent
    {
        var category = WebhookCategoryEvents.CategoryOf(typeof(TEvent));
        if (eventType.IsEmpty || eventType.Category != category)
        {
            throw new ArgumentException(
                $"'{eventType}' is not a {WebhookCategoryEvents.Pattern(category)} event type, so a {typeof(TEvent).Name} handler cannot take it. Use the view of its category, or the untyped IWebhookHandler.",
                nameof(eventType));
        }
    }

    private static void Replace(IWebhookReceiverBuilder builder, Type serviceType, ServiceDescriptor descriptor)
    {
        var existing = builder.Services
            .Where(d => d.ServiceType == serviceType && d.IsKeyedService && Equals(d.ServiceKey, builder.Name))
            .ToList();
        foreach (var old in existing)
        {
            builder.Services.Remove(old);
        }

        builder.Services.Add(descriptor);
    }
}
