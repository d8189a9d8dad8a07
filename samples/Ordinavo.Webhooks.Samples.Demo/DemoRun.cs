using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Testing;
using static Ordinavo.Webhooks.Samples.Demo.ConsoleText;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>Plays the demo: set-up, the day, the failure cases, the summary and the checks.</summary>
internal static class DemoRun
{
    private const string PublishingMeter = "Ordinavo.Webhooks.Publishing";
    private const string ReceivingMeter = "Ordinavo.Webhooks.Receiving";
    private static readonly TimeSpan[] RetrySchedule = [TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(20);
    private static readonly string[] ReportingEventTypes = ["visit_report.*"];

    // What the backend holds but must never send (see SampleInputs); none of it may appear in any body.
    private static readonly string[] PrivateData =
    [
        "anna.weber@", "+49 201", "+49 171", "sk_live", "Key safe", "Kruppstrasse", "45128", "51.4475", "7.0079", "K-0815",
        "Pays late", "loading dock", "caretaker", "Jonas Becker", "412.5", "490.88", "78.38", "RE-2026", "EUR", "second pair of hands",
    ];

    public static async Task<int> RunAsync(bool keepOutbox)
    {
        var stopwatch = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("ordinavo-webhooks-demo-").FullName;
        var databasePath = Path.Combine(folder, "outbox.db");
        using var metrics = new MetricTotals();

        // The operator's key for the admin API, made for this run only.
        var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        try
        {
            var watcher = new DeliveryWatcher();
            await using var publisher = await DemoPublisher.StartAsync(databasePath, apiKey, RetrySchedule, watcher);
            var receiverAddress = DemoReceiver.ReserveAddress();
            PrintSetUp(publisher, receiverAddress, databasePath, keepOutbox);

            using var http = new HttpClient { BaseAddress = publisher.AdminBase };
            http.DefaultRequestHeaders.Add(DemoApiKeyHandler.Header, apiKey);
            var admin = new AdminApiClient(http);
            var subscriptions = await SubscribeAsync(admin, receiverAddress);
            if (subscriptions is null)
            {
                Line();
                Line("RESULT: FAIL (the admin API did not create the subscriptions)");
                return 1;
            }

            // Each receiver gets the secret issued for its subscription before the first event is published.
            await using var receiver = await DemoReceiver.StartAsync(receiverAddress, subscriptions.ErpSecret, subscriptions.ReportingSecret);
            var run = new Run(receiver, watcher, metrics, publisher.Services, admin, subscriptions, stopwatch);
            return await run.PlayAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!keepOutbox)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temporary folder is harmless.
                }
            }
        }
    }

    /// <summary>The operator creates the two subscriptions over HTTP and takes each issued secret from the answer.</summary>
    private static async Task<DemoSubscriptions?> SubscribeAsync(AdminApiClient admin, Uri receiverAddress)
    {
        Heading($"Subscriptions: an operator creates them through the admin API (HTTP with an API key, tenant {WebhookSamples.TenantId})");
        var erp = await admin.CreateSubscriptionAsync(
            new
            {
                endpointUrl = new Uri(receiverAddress, DemoReceiver.ErpPath).ToString(),
                eventTypes = Array.Empty<string>(),
                sourceSystem = SampleInputs.SourceSystem,
                description = "ERP",
                payloadOptions = new { includeContactDetails = false },
            },
            "erp: every event type, contact details off");
        var reporting = await admin.CreateSubscriptionAsync(
            new
            {
                endpointUrl = new Uri(receiverAddress, DemoReceiver.ReportingPath).ToString(),
                eventTypes = ReportingEventTypes,
                description = "Reporting",
                payloadOptions = new { includeSummaryPreview = true },
            },
            "reporting: visit_report.*, summary preview on");
        var listed = await admin.ListSubscriptionsAsync();
        var anonymous = await admin.ListWithoutKeyAsync();
        Line("  each answer carries the subscription's secret (whsec_..., issued by the SDK, shown this once): the demo hands");
        Line("  it to the receiver's configuration before the first event; the database keeps it encrypted (Data Protection)");
        if (erp is null || reporting is null)
        {
            return null;
        }

        return new DemoSubscriptions(
            erp.Subscription.Id,
            erp.Secret,
            reporting.Subscription.Id,
            reporting.Secret,
            ListedBoth: listed is { Items.Count: 2 } && listed.Items.Any(s => s.Id == erp.Subscription.Id) && listed.Items.Any(s => s.Id == reporting.Subscription.Id),
            AnonymousStatus: anonymous);
    }

    private static void PrintSetUp(DemoPublisher publisher, Uri receiverAddress, string databasePath, bool keepOutbox)
    {
        Line("Ordinavo.Webhooks demo: one field-service day, published and received over real HTTP");
        Line("====================================================================================");
        Line();
        Line($"Receiver   ASP.NET Core (Kestrel) + Ordinavo.Webhooks.Receiving.AspNetCore on {receiverAddress.ToString().TrimEnd('/')}");
        Line($"             POST {DemoReceiver.ErpPath,-20} subscription \"erp\": every event type, source system {SampleInputs.SourceSystem}, contact details off");
        Line($"             POST {DemoReceiver.ReportingPath,-20} subscription \"reporting\": visit_report.*, summary preview on");
        Line("             each endpoint verifies with its own subscription's secret, read from its configuration");
        Line("Publisher  Ordinavo.Webhooks.Publishing with the embedded SQLite outbox (Ordinavo.Webhooks.Publishing.Sqlite)");
        Line($"             outbox file: {databasePath}");
        Line(keepOutbox ? "             (kept after the run)" : "             (a temporary folder, removed at the end; run with -- --keep to keep it)");
        Line("             subscriptions in the same file (UseSqliteSubscriptions), their secrets encrypted with Data Protection");
        Line("             (the demo's keys live in memory; a real host persists its key ring and shares it between nodes)");
        Line("             plain HTTP and the loopback address are allowed explicitly for this demo:");
        Line("             AllowInsecureHttp = true, AllowedDestinations = [\"127.0.0.1\"]");
        Line("             (by default the publisher requires HTTPS and refuses loopback, private and metadata addresses)");
        Line($"Admin API  Ordinavo.Webhooks.Publishing.AspNetCore on {publisher.AdminBase.ToString().TrimEnd('/')}");
        Line($"             RequireAuthorization: an API key made for this run ({DemoApiKeyHandler.Header} header), standing for one tenant");
        Line($"Retries    compressed for the demo: {string.Join(", ", RetrySchedule.Select(Seconds))}, then dead letter; no jitter");
        Line("             (production default: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, +-20 % jitter)");
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    private sealed class Run(
        DemoReceiver receiver,
        DeliveryWatcher watcher,
        MetricTotals metrics,
        IServiceProvider services,
        AdminApiClient admin,
        DemoSubscriptions subscriptions,
        Stopwatch stopwatch)
    {
        private readonly IWebhookPublisher _publisher = services.GetRequiredService<IWebhookPublisher>();
        private readonly IWebhookOperations _operations = services.GetRequiredService<IWebhookOperations>();
        private readonly Checks _checks = new();
        private readonly List<WebhookDeliveryRecord> _deliveries = [];
        private readonly Dictionary<WebhookEventType, string> _eventIds = [];
        private int _published;
        private bool _allFannedOut = true;
        private bool _allSucceeded = true;
        private string? _outageAnswers;
        private IReadOnlyList<WebhookDeliveryAttempt> _outageAttempts = [];

        public async Task<int> PlayAsync()
        {
            await PlayDayAsync();
            var duplicate = await RedeliverAsync();
            var tampered = await TamperAsync();
            var sideBySide = CompareSubscriptions();
            var rotation = await RotateAsync();
            return await SummarizeAsync(duplicate, tampered, sideBySide, rotation);
        }

        private async Task PlayDayAsync()
        {
            Heading($"The day: tenant {WebhookSamples.TenantId}, Rhein-Ruhr Medical Supply, Essen Center, job 455 ({DayStep.Day.Count} events)");
            Line($"{"",7} {"occurred",-11}  {"event",-28} {"to",-12} {"answers",-15} receiver (times in UTC)");
            Line($"{"",7} {new string('-', 11)}  {new string('-', 28)} {new string('-', 12)} {new string('-', 15)} {new string('-', 30)}");
            for (var i = 0; i < DayStep.Day.Count; i++)
            {
                var step = DayStep.Day[i];
                if (step.Outage)
                {
                    receiver.Traffic.FailNext(DemoReceiver.ErpPath, 2);
                    Line($"{"",7} ! the ERP goes down for maintenance: {DemoReceiver.ErpPath} answers 503 to the next 2 requests");
                }

                var input = SampleInputs.For(step.Type, step.OccurredAt);
                var result = await _publisher.PublishAsync(input, CancellationToken.None);
                _published++;
                _eventIds[step.Type] = result.EventId;
                string[] expected = step.Type.Category == WebhookEventCategory.VisitReport
                    ? [DemoReceiver.Erp, DemoReceiver.Reporting]
                    : [DemoReceiver.Erp];
                _allFannedOut &= !result.IsDuplicate && result.DeliveriesEnqueued == expected.Length;

                var first = true;
                foreach (var subscription in expected)
                {
                    var delivered = await watcher.WaitForSuccessAsync(result.EventId, subscriptions.IdOf(subscription), 1, DeliveryTimeout);
                    var delivery = await FindDeliveryAsync(result.EventId, subscriptions.IdOf(subscription));
                    var attempts = delivery is null ? [] : await _operations.GetAttemptsAsync(delivery.Id, CancellationToken.None);
                    _allSucceeded &= delivered && delivery?.State == WebhookDeliveryState.Succeeded;
                    if (delivery is not null)
                    {
                        _deliveries.Add(delivery);
                    }

                    var answers = attempts.Count == 0 ? "none" : string.Join(", ", attempts.Select(a => a.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? a.ErrorKind.ToString()));
                    var entry = receiver.Received.Get(subscription, result.EventId);
                    var handled = entry is null ? "NOT handled" : entry.TimesHandled == 1 ? "verified, handled once" : $"handled {entry.TimesHandled} times";
                    var progress = first ? $"[{i + 1,2}/{DayStep.Day.Count}]" : "";
                    var occurred = first ? input.OccurredAt.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
                    var type = first ? step.Type.Value : "";
                    Line($"{progress,-7} {occurred,-11}  {type,-28} -> {subscription,-9} {answers,-15} {handled}");
                    if (step.Outage && subscription == DemoReceiver.Erp)
                    {
                        _outageAnswers = answers;
                        _outageAttempts = attempts;
                        var waits = attempts.Zip(attempts.Skip(1), (a, b) => Seconds(b.StartedAt - a.StartedAt));
                        Line($"{"",7} {"",11}  {"",28}    retried after {string.Join(" and ", waits)} (the outage is over: nothing lost)");
                    }

                    Line($"{"",7} {"",11}  {"",28}    {ConsoleText.Cut(entry?.Action, 90)}");
                    first = false;
                }
            }
        }

        private async Task<WebhookDeliveryRecord?> FindDeliveryAsync(string eventId, string subscriptionId)
        {
            var page = await _operations.GetDeliveriesAsync(new WebhookDeliveryQuery { EventId = eventId, SubscriptionId = subscriptionId }, CancellationToken.None);
            return page.Items.Count > 0 ? page.Items[0] : null;
        }

        private async Task<(bool Passed, string Detail)> RedeliverAsync()
        {
            var eventId = _eventIds[WebhookEventType.VisitReportApproved];
            Heading("A duplicate: an operator redelivers an event that was already handled");
            Line($"  IWebhookOperations.RedeliverAsync(\"{eventId}\", \"{subscriptions.ErpId}\")   (visit_report.approved, erp)");
            var requeued = await _operations.RedeliverAsync(eventId, subscriptions.ErpId, CancellationToken.None);
            var delivered = requeued && await watcher.WaitForSuccessAsync(eventId, subscriptions.ErpId, 2, DeliveryTimeout);
            var delivery = await FindDeliveryAsync(eventId, subscriptions.ErpId);
            var attempts = delivery is null ? [] : await _operations.GetAttemptsAsync(delivery.Id, CancellationToken.None);
            var last = attempts.Count > 0 ? attempts[^1] : null;
            var times = receiver.Received.TimesHandled(DemoReceiver.Erp, eventId);
            Line($"  the publisher sent it again (same eventId, new delivery id {last?.AttemptId ?? "-"})");
            Line($"  the receiver answered {last?.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} {last?.ResponseBody ?? ""}: the ERP handler ran {times} time(s) in total");
            return (
                requeued && delivered && attempts.Count == 2 && last?.StatusCode == 200 &&
                (last.ResponseBody?.Contains("\"duplicate\"", StringComparison.Ordinal) ?? false) && times == 1,
                $"requeued={requeued}, attempts={attempts.Count}, last answer={last?.StatusCode}, handled {times}x");
        }

        private async Task<(bool Passed, string Detail)> TamperAsync()
        {
            Heading("A tampered request: a captured billing.event_ready with another visit report id");
            var sample = WebhookSamples.For(WebhookEventType.BillingEventReady) with { EventId = WebhookIdentifiers.NewEventId() };
            var signed = WebhookTestRequests.Create(sample, subscriptions.ErpSecret);
            var original = signed.BodyText;
            var changed = original.Replace("\"visitReportId\":901", "\"visitReportId\":666", StringComparison.Ordinal);
            var tampered = signed.WithBody(Encoding.UTF8.GetBytes(changed));
            using var http = new HttpClient();
            using var request = tampered.ToHttpRequestMessage(receiver.Endpoint(DemoReceiver.ErpPath));
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var handled = receiver.Received.Any(sample.EventId);
            Line("  body changed after signing: \"visitReportId\":901 -> \"visitReportId\":666, signature headers unchanged");
            Line($"  POST {DemoReceiver.ErpPath} answered {(int)response.StatusCode} {body}; handled: {(handled ? "YES" : "no")}");
            return (
                changed != original && (int)response.StatusCode == 401 && body.Contains("invalid_signature", StringComparison.Ordinal) && !handled,
                $"status={(int)response.StatusCode}, handled={handled}");
        }

        private bool CompareSubscriptions()
        {
            var eventId = _eventIds[WebhookEventType.VisitReportApproved];
            Heading($"One event, two subscriptions: visit_report.approved ({eventId})");
            var erp = receiver.Received.Get(DemoReceiver.Erp, eventId)?.Event;
            var reporting = receiver.Received.Get(DemoReceiver.Reporting, eventId)?.Event;
            var erpSize = _deliveries.FirstOrDefault(d => d.EventId == eventId && d.SubscriptionId == subscriptions.ErpId)?.Body.Length;
            var reportingSize = _deliveries.FirstOrDefault(d => d.EventId == eventId && d.SubscriptionId == subscriptions.ReportingId)?.Body.Length;
            Row("section", "erp (contact details off)", "reporting (summary preview on)");
            Row("-------", "-------------------------", "------------------------------");
            Row("customer", Customer(erp), Customer(reporting));
            Row("location", Location(erp), Location(reporting));
            Row("contact", Contact(erp), Contact(reporting));
            Row("target", Target(erp), Target(reporting));
            Row("visitReport", Report(erp), Report(reporting));
            Row("summaryPreview", Preview(erp), Preview(reporting));
            Row("body", $"{erpSize} bytes", $"{reportingSize} bytes");
            if (reporting?.SummaryPreview?.Text is { } text)
            {
                Wrap($"the preview in full: \"{text}\"", 96, "  ");
                Line("  (the technician's full text had an e-mail address and a phone number; only this redacted preview left Ordinavo)");
            }

            return erp is not null && reporting is not null && erp.Contact is null && erp.SummaryPreview is null &&
                reporting.Contact is not null && reporting.SummaryPreview is { IsRedacted: true } preview &&
                !(preview.Text?.Contains('@', StringComparison.Ordinal) ?? true) && erp.Customer is not null && reporting.Customer is not null;

            static void Row(string section, string left, string right) => Line($"  {section,-15} {ConsoleText.Cut(left, 40),-40}  {ConsoleText.Cut(right, 44)}");
            static string Customer(WebhookEvent? e) => e?.Customer is { } c ? $"{c.OrdinavoCustomerId} {c.Name}" : "-";
            static string Location(WebhookEvent? e) => e?.Location is { } l ? $"{l.OrdinavoLocationId} {l.Name}, {l.City}" : "-";
            static string Contact(WebhookEvent? e) => e?.Contact is { } c ? $"{c.OrdinavoContactId} {c.DisplayName}" : "- (left out)";
            static string Target(WebhookEvent? e) => e?.Target is { } t
                ? $"{t.Id} {t.Title} ({t.ExternalId ?? "no external id"})"
                : "-";
            static string Report(WebhookEvent? e) => e?.VisitReport is { } v ? $"{v.Id} {v.Status}, {v.Result}" : "-";
            static string Preview(WebhookEvent? e) => e?.SummaryPreview is { } p
                ? $"{(p.IsRedacted ? "redacted" : "not redacted")}, {(p.IsTruncated ? "truncated" : "complete")}, {p.Text?.Length} chars"
                : "- (left out)";
        }

        private async Task<(bool Passed, string Detail)> RotateAsync()
        {
            Heading("Secret rotation through the admin API: the ERP moves to a new secret while events keep arriving");
            var erpId = subscriptions.ErpId;
            var rotated = await admin.RotateSecretAsync(erpId, gracePeriodSeconds: 3600);
            if (rotated is null)
            {
                return (false, "the rotation failed");
            }

            // The integrator puts the new secret into the ERP's configuration, alone: the old one is gone there.
            receiver.UseSecret(DemoReceiver.Erp, rotated.Secret);
            Line("  the ERP's configuration now holds only the new secret (reloaded, no restart); the publisher signs with both");
            var duringGrace = await admin.SendTestEventAsync(erpId);
            var expired = await admin.ExpireOldSecretsAsync(erpId);
            var afterGrace = await admin.SendTestEventAsync(erpId);
            Line("  the ERP verified both test events with the new secret: no event is rejected while the secrets change hands");
            return (
                rotated.Subscription.Secrets.Count == 2 && duringGrace?.Attempt.StatusCode == 200 &&
                expired?.Secrets.Count == 1 && afterGrace?.Attempt.StatusCode == 200,
                $"secrets during grace={rotated.Subscription.Secrets.Count}, test events answered {duringGrace?.Attempt.StatusCode} and {afterGrace?.Attempt.StatusCode}");
        }

        private async Task<int> SummarizeAsync((bool Passed, string Detail) duplicate, (bool Passed, string Detail) tampered, bool sideBySide, (bool Passed, string Detail) rotation)
        {
            // Read every delivery back from the outbox: the store, not the demo's memory, says what happened.
            var final = new List<WebhookDeliveryRecord>();
            foreach (var delivery in _deliveries)
            {
                final.Add(await _operations.GetDeliveryAsync(delivery.Id, CancellationToken.None) ?? delivery);
            }

            var delivered = final.Count(d => d.State == WebhookDeliveryState.Succeeded);
            var retried = 0;
            var failedAttempts = 0;
            foreach (var delivery in final)
            {
                var attempts = await _operations.GetAttemptsAsync(delivery.Id, CancellationToken.None);
                var failed = attempts.Count(a => !a.Succeeded);
                failedAttempts += failed;
                retried += failed > 0 ? 1 : 0;
            }

            var duplicates = metrics[ReceivingMeter, "ordinavo.webhook.deduplicated"];
            var rejections = metrics[ReceivingMeter, "ordinavo.webhook.rejected"];
            var handledOnce = final.All(d => receiver.Received.TimesHandled(subscriptions.ReceiverOf(d.SubscriptionId), d.EventId) == 1);
            var leaked = final.SelectMany(d => PrivateData.Where(p => Encoding.UTF8.GetString(d.Body.Span).Contains(p, StringComparison.Ordinal))).Distinct().ToList();

            _checks.Check(
                "the subscriptions were created through the admin API (201 each, listed for the tenant; 401 without the API key)",
                admin.Calls.Count(c => c.Call == "POST subscriptions" && c.Status == HttpStatusCode.Created) == 2 &&
                subscriptions.ListedBoth && subscriptions.AnonymousStatus == HttpStatusCode.Unauthorized &&
                final.Count > 0 && final.All(d => d.SubscriptionId == subscriptions.ErpId || d.SubscriptionId == subscriptions.ReportingId),
                $"{subscriptions.ErpId}, {subscriptions.ReportingId}");
            _checks.Check("every event was published once and fanned out to its subscriptions", _allFannedOut && _published == DayStep.Day.Count, $"{_published} events");
            _checks.Check("every delivery succeeded (state in the SQLite outbox)", _allSucceeded && delivered == final.Count && final.Count > 0, $"{delivered} of {final.Count}");
            _checks.Check("every delivery was verified and handled exactly once by its receiver", handledOnce && receiver.Received.CountOfEvents == final.Count, $"{receiver.Received.CountOfEvents} handled");
            _checks.Check(
                "the outage was bridged by retries: erp answered 503, 503, then 200",
                _outageAnswers == "503, 503, 200" && retried == 1 && failedAttempts == 2,
                $"answers: {_outageAnswers}");
            _checks.Check(
                "the retries waited the compressed schedule (0.5 s, then 1 s)",
                _outageAttempts.Count == 3 &&
                _outageAttempts[1].StartedAt - _outageAttempts[0].StartedAt >= RetrySchedule[0] - TimeSpan.FromMilliseconds(50) &&
                _outageAttempts[2].StartedAt - _outageAttempts[1].StartedAt >= RetrySchedule[1] - TimeSpan.FromMilliseconds(50));
            _checks.Check("the redelivered duplicate was answered 200 \"duplicate\" and not handled again", duplicate.Passed, duplicate.Detail);
            _checks.Check("the tampered request was rejected with 401 invalid_signature and not handled", tampered.Passed, tampered.Detail);
            _checks.Check("erp got no contact and no summary preview; reporting got both, the preview redacted", sideBySide);
            _checks.Check("after a rotation over the API the ERP, holding only the new secret, accepted test events during the grace period and after it", rotation.Passed, rotation.Detail);
            _checks.Check("no private data in any body (e-mail, phone, address, coordinates, notes, prices, API key)", leaked.Count == 0, leaked.Count == 0 ? "" : $"found: {string.Join(", ", leaked)}");
            _checks.Check(
                "the metrics agree (receiver duplicates = 1, rejected = 1; publisher failed attempts = 2, dead-lettered = 0)",
                duplicates == 1 && rejections == 1 &&
                metrics[PublishingMeter, "ordinavo.webhook.attempt.failed"] == 2 && metrics[PublishingMeter, "ordinavo.webhook.delivery.dead_lettered"] == 0 &&
                watcher.FailingNotifications == 2 && watcher.DeadLettered == 0,
                $"duplicates={duplicates}, rejected={rejections}, failed={metrics[PublishingMeter, "ordinavo.webhook.attempt.failed"]}");
            var seconds = stopwatch.Elapsed.TotalSeconds;
            _checks.Check("the demo finished in under 60 s", seconds < 60, $"{seconds:0.0} s");

            Heading("Summary");
            Line($"  published            {_published} events");
            Line($"  delivered            {delivered} of {final.Count} deliveries");
            Line($"  retried              {retried} delivery after {failedAttempts} failed attempts (503 during the outage)");
            Line($"  duplicates ignored   {duplicates}");
            Line($"  rejected             {rejections} (the tampered request, 401)");

            Heading("Checks");
            foreach (var (name, passed, detail) in _checks.Results)
            {
                Line($"  [{(passed ? "pass" : "FAIL")}] {name}{(detail.Length == 0 ? "" : $" ({detail})")}");
            }

            var ok = _checks.Failed == 0;
            Line();
            Line(string.Create(CultureInfo.InvariantCulture,
                $"RESULT: {(ok ? "PASS" : "FAIL")} ({_checks.Count - _checks.Failed}/{_checks.Count} checks) published={_published} delivered={delivered} retried={retried} duplicates_ignored={duplicates} rejected={rejections} seconds={seconds:0.0}"));
            return ok ? 0 : 1;
        }
    }
}
