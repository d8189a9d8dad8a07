using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Ordinavo.Webhooks.Samples.Demo.ConsoleText;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>
/// The operator's side of the admin API: plain HTTP with <see cref="HttpClient"/> and JSON, as any tool or script would
/// call it. Every call is printed in one line (method, path, status, what came back).
/// </summary>
internal sealed class AdminApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every call made and its status code, in order.</summary>
    public List<(string Call, HttpStatusCode Status)> Calls { get; } = [];

    public async Task<IssuedSecret?> CreateSubscriptionAsync(object request, string note)
    {
        using var response = await http.PostAsJsonAsync("subscriptions", request, Json);
        var issued = await ReadAsync<IssuedSecret>(response);
        Print("POST", "subscriptions", response, issued is null ? "" : $"{issued.Subscription.Id}, {note}");
        return issued;
    }

    public async Task<SubscriptionPage?> ListSubscriptionsAsync()
    {
        using var response = await http.GetAsync("subscriptions");
        var page = await ReadAsync<SubscriptionPage>(response);
        Print("GET", "subscriptions", response, page is null ? "" : $"{page.Items.Count} subscription(s): {string.Join(", ", page.Items.Select(s => s.Id))}");
        return page;
    }

    public async Task<IssuedSecret?> RotateSecretAsync(string subscriptionId, long gracePeriodSeconds)
    {
        using var response = await http.PostAsJsonAsync($"subscriptions/{subscriptionId}/rotate-secret", new { gracePeriodSeconds }, Json);
        var issued = await ReadAsync<IssuedSecret>(response);
        Print("POST", $"subscriptions/{subscriptionId}/rotate-secret", response,
            issued is null ? "" : $"new secret issued; {issued.Subscription.Secrets.Count} secrets sign during the grace period");
        return issued;
    }

    public async Task<SubscriptionView?> ExpireOldSecretsAsync(string subscriptionId)
    {
        using var response = await http.PostAsync($"subscriptions/{subscriptionId}/expire-old-secrets", content: null);
        var subscription = await ReadAsync<SubscriptionView>(response);
        Print("POST", $"subscriptions/{subscriptionId}/expire-old-secrets", response,
            subscription is null ? "" : $"{subscription.Secrets.Count} secret signs now");
        return subscription;
    }

    public async Task<TestEventResult?> SendTestEventAsync(string subscriptionId)
    {
        using var response = await http.PostAsync($"subscriptions/{subscriptionId}/test", content: null);
        var result = await ReadAsync<TestEventResult>(response);
        Print("POST", $"subscriptions/{subscriptionId}/test", response,
            result is null ? "" : $"webhook.test sent; the receiver answered {result.Attempt.StatusCode?.ToString() ?? result.Attempt.ErrorKind}");
        return result;
    }

    /// <summary>The same list call without the API key: the host's authorization answers it.</summary>
    public async Task<HttpStatusCode> ListWithoutKeyAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(http.BaseAddress!, "subscriptions"));
        using var anonymous = new HttpClient();
        using var response = await anonymous.SendAsync(request);
        Print("GET", "subscriptions", response, "without the API key");
        return response.StatusCode;
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response)
        where T : class =>
        response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<T>(Json) : null;

    private void Print(string method, string path, HttpResponseMessage response, string what)
    {
        Calls.Add(($"{method} {path}", response.StatusCode));
        Line($"  {method} {DemoPublisher.AdminPrefix}/{path} -> {(int)response.StatusCode} {response.StatusCode}{(what.Length == 0 ? "" : $": {what}")}");
    }

    /// <summary>The answer to create and rotate: the subscription and its new secret, shown this once.</summary>
    public sealed record IssuedSecret(SubscriptionView Subscription, string Secret)
    {
        /// <summary>The subscription only: a record's generated text would show the secret.</summary>
        public override string ToString() => $"secret issued for {Subscription.Id}";
    }

    /// <summary>A subscription as the API shows it (the members the demo reads).</summary>
    public sealed record SubscriptionView(string Id, string EndpointUrl, bool IsEnabled, IReadOnlyList<SecretView> Secrets, long Version);

    /// <summary>An active secret's dates (its value is never shown again).</summary>
    public sealed record SecretView(DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

    /// <summary>One page of subscriptions.</summary>
    public sealed record SubscriptionPage(IReadOnlyList<SubscriptionView> Items, string? NextAfter);

    /// <summary>The outcome of a test event.</summary>
    public sealed record TestEventResult(string EventId, bool Succeeded, AttemptView Attempt);

    /// <summary>A test event's attempt.</summary>
    public sealed record AttemptView(int? StatusCode, string ErrorKind, string? ResponseBody);
}
