namespace Ordinavo.Webhooks.Contracts.Tests.Identifiers;

[Collection(UlidCollection.Name)]
public class WebhookIdentifiersTests
{
    [Fact]
    public void New_event_and_delivery_ids_have_their_prefix_and_parse_back_to_their_time()
    {
        var now = DateTimeOffset.UtcNow;

        var eventId = WebhookIdentifiers.NewEventId(now);
        var deliveryId = WebhookIdentifiers.NewDeliveryId(now);

        Assert.Matches("^evt_[0-7][0-9A-HJKMNP-TV-Z]{25}$", eventId);
        Assert.Matches("^del_[0-7][0-9A-HJKMNP-TV-Z]{25}$", deliveryId);
        Assert.Equal(WebhookIdentifiers.IdLength, eventId.Length);
        Assert.True(WebhookIdentifiers.TryParseEventId(eventId, out var eventUlid));
        Assert.True(WebhookIdentifiers.TryParseDeliveryId(deliveryId, out var deliveryUlid));
        Assert.Equal(now.ToUnixTimeMilliseconds(), eventUlid.UnixMilliseconds);
        Assert.True(deliveryUlid > eventUlid);
        Assert.Equal(eventId, WebhookIdentifiers.EventIdPrefix + eventUlid);
    }

    [Fact]
    public void Ids_from_the_system_clock_are_valid_and_distinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => WebhookIdentifiers.NewEventId()).ToArray();

        Assert.All(ids, id => Assert.True(WebhookIdentifiers.IsValidEventId(id)));
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.True(WebhookIdentifiers.IsValidDeliveryId(WebhookIdentifiers.NewDeliveryId()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("evt_")]
    [InlineData("01JZ8A2MT8G7C3Y7V0WQ1M9B3C")]
    [InlineData("EVT_01JZ8A2MT8G7C3Y7V0WQ1M9B3C")]
    [InlineData("del_01JZ8A2MT8G7C3Y7V0WQ1M9B3C")]
    [InlineData("evt-01JZ8A2MT8G7C3Y7V0WQ1M9B3C")]
    [InlineData("evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3")]
    [InlineData("evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3CX")]
    [InlineData("evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3U")]
    [InlineData("evt_81JZ8A2MT8G7C3Y7V0WQ1M9B3C")]
    [InlineData("evt_01HYZ9M3RA")] // seed 002's short form is not an event id of this contract
    public void Malformed_event_ids_are_rejected(string? value)
    {
        Assert.False(WebhookIdentifiers.IsValidEventId(value));
        Assert.False(WebhookIdentifiers.TryParseEventId(value, out var ulid));
        Assert.Equal(default, ulid);
    }

    [Fact]
    public void Event_and_delivery_ids_are_not_interchangeable()
    {
        Assert.True(WebhookIdentifiers.IsValidEventId("evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C"));
        Assert.False(WebhookIdentifiers.IsValidDeliveryId("evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C"));
        Assert.True(WebhookIdentifiers.IsValidDeliveryId("del_01JZ8A2MT8G7C3Y7V0WQ1M9B3C"));
        Assert.False(WebhookIdentifiers.IsValidEventId("del_01JZ8A2MT8G7C3Y7V0WQ1M9B3C"));
    }
}
