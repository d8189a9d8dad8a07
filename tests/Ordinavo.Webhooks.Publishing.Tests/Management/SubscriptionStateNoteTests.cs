using System.Text.Json.Nodes;

namespace Ordinavo.Webhooks.Publishing.Tests.Management;

/// <summary>Disable and enable with the operator's note: stored with the reason code and the time, validated, readable in older records.</summary>
public sealed class SubscriptionStateNoteTests
{
    private const string Tenant = ManagedSubscriptionFixture.TenantA;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Disable_and_enable_keep_the_note_the_reason_and_when_the_state_changed()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var id = (await fixture.Manager.CreateAsync(Tenant, ManagedSubscriptionFixture.Definition(), None)).Subscription.Id;
        var disabledAt = fixture.Time.GetUtcNow();

        var disabled = await fixture.Manager.DisableAsync(Tenant, id, "Paused until the ERP migration is done", null, None);
        Assert.False(disabled.IsEnabled);
        Assert.Equal(WebhookSubscriptionDisabledReason.Manual, disabled.DisabledReason);
        Assert.Equal("Paused until the ERP migration is done", disabled.StateNote);
        Assert.Equal(disabledAt, disabled.StateChangedAt);
        Assert.Equal(disabledAt, disabled.DisabledAt);

        // Disabling again changes nothing without a note; with another note only the note (reason and time stay).
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(disabled.Version, (await fixture.Manager.DisableAsync(Tenant, id, null, null, None)).Version);
        var renoted = await fixture.Manager.DisableAsync(Tenant, id, "Migration moved to Monday", null, None);
        Assert.Equal(disabled.Version + 1, renoted.Version);
        Assert.Equal("Migration moved to Monday", renoted.StateNote);
        Assert.Equal(disabledAt, renoted.StateChangedAt);

        fixture.Time.Advance(TimeSpan.FromHours(1));
        var enabled = await fixture.Manager.EnableAsync(Tenant, id, "Migration done", renoted.Version, None);
        Assert.True(enabled.IsEnabled);
        Assert.Null(enabled.DisabledReason);
        Assert.Null(enabled.DisabledAt);
        Assert.Equal("Migration done", enabled.StateNote);
        Assert.Equal(fixture.Time.GetUtcNow(), enabled.StateChangedAt);
        Assert.Equal(enabled.StateNote, (await fixture.Manager.GetAsync(Tenant, id, None))!.StateNote);

        // The delivery engine's disable has no note: an operator's earlier note does not stay beside its reason.
        fixture.Time.Advance(TimeSpan.FromHours(1));
        Assert.True(await fixture.Store.DisableAsync(id, WebhookSubscriptionDisabledReason.EndpointGone, fixture.Time.GetUtcNow(), None));
        var byEngine = (await fixture.Manager.GetAsync(Tenant, id, None))!;
        Assert.Equal(WebhookSubscriptionDisabledReason.EndpointGone, byEngine.DisabledReason);
        Assert.Null(byEngine.StateNote);
        Assert.Equal(fixture.Time.GetUtcNow(), byEngine.StateChangedAt);
    }

    [Theory]
    [InlineData(201, "")]
    [InlineData(10, "\n")]
    [InlineData(10, "\t")]
    [InlineData(10, "\u0007")]
    public async Task A_note_too_long_or_with_control_characters_is_refused_naming_the_field_and_changes_nothing(int length, string insert)
    {
        using var fixture = new ManagedSubscriptionFixture();
        var created = (await fixture.Manager.CreateAsync(Tenant, ManagedSubscriptionFixture.Definition(), None)).Subscription;
        var note = "Customer-" + new string('x', length - 9 - insert.Length) + insert;

        foreach (var change in new Func<Task>[]
        {
            () => fixture.Manager.DisableAsync(Tenant, created.Id, note, null, None),
            () => fixture.Manager.EnableAsync(Tenant, created.Id, note, null, None),
        })
        {
            var error = await Assert.ThrowsAsync<WebhookPublishingException>(change);
            Assert.Equal(WebhookPublishingErrorReason.InvalidSubscription, error.Reason);
            Assert.Contains("at most 200 characters", Assert.Single(error.Errors, e => e.Key == "note").Value[0], StringComparison.Ordinal);
            Assert.DoesNotContain("Customer-", error.ToString(), StringComparison.Ordinal);
        }

        var after = (await fixture.Manager.GetAsync(Tenant, created.Id, None))!;
        Assert.True(after.IsEnabled);
        Assert.Equal(created.Version, after.Version);
    }

    [Fact]
    public async Task A_note_of_200_characters_is_accepted_and_a_blank_one_is_none()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var id = (await fixture.Manager.CreateAsync(Tenant, ManagedSubscriptionFixture.Definition(), None)).Subscription.Id;

        var disabled = await fixture.Manager.DisableAsync(Tenant, id, new string('n', WebhookSubscriptionInfo.MaxStateNoteLength), null, None);
        Assert.Equal(WebhookSubscriptionInfo.MaxStateNoteLength, disabled.StateNote!.Length);
        var enabled = await fixture.Manager.EnableAsync(Tenant, id, "   ", null, None);
        Assert.Null(enabled.StateNote);
    }

    [Fact]
    public async Task A_record_written_before_notes_existed_still_reads_and_changes()
    {
        using var fixture = new ManagedSubscriptionFixture();
        var id = (await fixture.Manager.CreateAsync(Tenant, ManagedSubscriptionFixture.Definition(), None)).Subscription.Id;
        var disabled = await fixture.Manager.DisableAsync(Tenant, id, "note", null, None);

        // The document as it was written before stateNote and stateChangedAt were added.
        var record = (await fixture.Records.GetAsync(id, None))!;
        var document = JsonNode.Parse(record.Document)!.AsObject();
        Assert.True(document.Remove("stateNote"));
        Assert.True(document.Remove("stateChangedAt"));
        var older = new WebhookSubscriptionRecord
        {
            Id = record.Id,
            TenantId = record.TenantId,
            Version = record.Version + 1,
            CreatedAt = record.CreatedAt,
            UpdatedAt = record.UpdatedAt,
            Document = document.ToJsonString(),
        };
        Assert.True(await fixture.Records.TryReplaceAsync(older, record.Version, None));

        var read = (await fixture.Manager.GetAsync(Tenant, id, None))!;
        Assert.False(read.IsEnabled);
        Assert.Equal(WebhookSubscriptionDisabledReason.Manual, read.DisabledReason);
        Assert.Null(read.StateNote);
        Assert.Equal(disabled.DisabledAt, read.StateChangedAt);

        var enabled = await fixture.Manager.EnableAsync(Tenant, id, "back", older.Version, None);
        Assert.True(enabled.IsEnabled);
        Assert.Equal("back", enabled.StateNote);
    }
}
