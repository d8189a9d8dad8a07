using System.Text;
using Ordinavo.Webhooks.Publishing.AspNetCore;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests;

/// <summary>Disable and enable with the operator's note over HTTP: returned with the reason and the time, validated, never logged or sent.</summary>
public sealed class SubscriptionStateNoteTests
{
    private const string Note = "Paused at the customer's request until the ERP migration, ticket 4711";

    [Fact]
    public async Task The_note_is_returned_with_the_reason_and_time_and_never_reaches_logs_or_the_endpoint()
    {
        await using var receiver = await CaptureReceiver.StartAsync();
        await using var host = await AdminTestHost.StartAsync();
        var client = host.Client("tenant-a");
        var id = (string)(await client.CreateAsync(AdminApi.Subscription(receiver.Endpoint)))["subscription"]!["id"]!;

        using var disabling = await client.PostAsync($"subscriptions/{id}/disable", AdminApi.Json(new JsonObject { ["note"] = Note, ["version"] = 1 }));
        Assert.Equal(HttpStatusCode.OK, disabling.StatusCode);
        var disabled = await disabling.ReadObjectAsync();
        Assert.False((bool)disabled["isEnabled"]!);
        Assert.Equal("Manual", (string)disabled["disabledReason"]!);
        Assert.Equal(Note, (string)disabled["stateNote"]!);
        Assert.Equal((DateTimeOffset)disabled["disabledAt"]!, (DateTimeOffset)disabled["stateChangedAt"]!);
        var read = await (await client.GetAsync($"subscriptions/{id}")).ReadObjectAsync();
        Assert.Equal(Note, (string)read["stateNote"]!);

        // A test event to the (disabled) subscription: the note is not part of what the endpoint gets.
        using var test = await client.PostAsync($"subscriptions/{id}/test", null);
        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        var request = Assert.Single(receiver.Requests);
        Assert.DoesNotContain("4711", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
        Assert.DoesNotContain(request.Headers.Values, v => v.Contains("4711", StringComparison.Ordinal));

        // Enable with a note of its own; without a body the state alone changes (existing clients keep working).
        var enabled = await (await client.PostAsync($"subscriptions/{id}/enable", AdminApi.Json("{\"note\":\"Migration done, ticket 4711\"}"))).ReadObjectAsync();
        Assert.True((bool)enabled["isEnabled"]!);
        Assert.Null(enabled["disabledReason"]);
        Assert.Equal("Migration done, ticket 4711", (string)enabled["stateNote"]!);
        Assert.NotNull(enabled["stateChangedAt"]);
        var again = await (await client.PostAsync($"subscriptions/{id}/disable", null)).ReadObjectAsync();
        Assert.Null(again["stateNote"]);

        // A bad note, with the rest of the request logged as usual: still no trace of the note.
        using var bad = await client.PostAsync($"subscriptions/{id}/enable", AdminApi.Json(new JsonObject { ["note"] = "ticket 4711\r\nsecond line" }));
        await bad.ReadProblemAsync(HttpStatusCode.BadRequest, WebhookAdminProblemTypes.Validation);

        Assert.Contains(host.Logs.Entries, e => e.Message.Contains($"disable by tenant tenant-a on subscription {id}", StringComparison.Ordinal));
        Assert.All(host.Logs.Entries, e => Assert.DoesNotContain("4711", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    public async Task A_bad_note_is_a_validation_problem_naming_the_field_and_changes_nothing(string action)
    {
        await using var host = await AdminTestHost.StartAsync();
        var client = host.Client("tenant-a");
        var id = (string)(await client.CreateAsync(AdminApi.Subscription(new Uri("https://erp.example.com/hooks"))))["subscription"]!["id"]!;

        foreach (var note in new[] { new string('n', 201), "line one\nline two" })
        {
            using var response = await client.PostAsync($"subscriptions/{id}/{action}", AdminApi.Json(new JsonObject { ["note"] = note }));
            var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, WebhookAdminProblemTypes.Validation);
            Assert.Contains("at most 200 characters", (string)problem["errors"]!["note"]![0]!, StringComparison.Ordinal);
            Assert.DoesNotContain(note, problem.ToJsonString(), StringComparison.Ordinal);
        }

        using var unknown = await client.PostAsync($"subscriptions/{id}/{action}", AdminApi.Json("{\"reason\":\"Manual\"}"));
        var unknownProblem = await unknown.ReadProblemAsync(HttpStatusCode.BadRequest, WebhookAdminProblemTypes.Validation);
        Assert.NotNull(unknownProblem["errors"]!["reason"]);

        var after = await (await client.GetAsync($"subscriptions/{id}")).ReadObjectAsync();
        Assert.Equal(1, (long)after["version"]!);
        Assert.True((bool)after["isEnabled"]!);
        Assert.Null(after["stateNote"]);
    }
}
