using System.Buffers;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads.Tests;

public sealed class InputValidationTests
{
    [Fact]
    public void MissingEventId_IsInvalidInput_WithAHowTo()
    {
        var input = Input(eventId: null);

        var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile()));

        Assert.Equal(WebhookPayloadBuildError.InvalidInput, ex.Reason);
        Assert.Equal(WebhookSections.None, ex.Section);
        Assert.Contains("NewEventId", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("evt_123")]
    [InlineData("del_01JZ8A2MT8G7C3Y7V0WQ1M9B3C")]
    public void MalformedEventId_IsInvalidInput_WithoutEchoingIt(string eventId)
    {
        var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.Build(Input(eventId: eventId), PayloadInputs.DefaultProfile()));

        Assert.Equal(WebhookPayloadBuildError.InvalidInput, ex.Reason);
        if (eventId.Length > 0)
        {
            Assert.DoesNotContain(eventId, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WithEventId_AssignsTheIdAndKeepsTheRecords()
    {
        var id = WebhookIdentifiers.NewEventId(PayloadInputs.OccurredAt);
        var input = Input(eventId: null).WithEventId(id);

        var evt = WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile());

        Assert.Equal(id, evt.EventId);
        Assert.Equal(901, evt.VisitReport!.Id);
    }

    [Fact]
    public void UnknownEventType_IsATypedError()
    {
        var input = new WebhookEventInput
        {
            EventType = "visit_report.archived",
            OccurredAt = PayloadInputs.OccurredAt,
            TenantId = PayloadInputs.TenantId,
            EventId = PayloadInputs.EventId,
        };

        var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile()));

        Assert.Equal(WebhookPayloadBuildError.UnknownEventType, ex.Reason);
    }

    [Fact]
    public void EmptyEventType_TenantOrTime_AreInvalidInput()
    {
        var noType = new WebhookEventInput { EventType = default, OccurredAt = PayloadInputs.OccurredAt, TenantId = PayloadInputs.TenantId, EventId = PayloadInputs.EventId };
        var noTenant = new WebhookEventInput { EventType = WebhookEventType.RoutePublished, OccurredAt = PayloadInputs.OccurredAt, TenantId = " ", EventId = PayloadInputs.EventId };
        var noTime = new WebhookEventInput { EventType = WebhookEventType.RoutePublished, OccurredAt = default, TenantId = PayloadInputs.TenantId, EventId = PayloadInputs.EventId };

        foreach (var input in new[] { noType, noTenant, noTime })
        {
            var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile()));
            Assert.Equal(WebhookPayloadBuildError.InvalidInput, ex.Reason);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    [InlineData(2001)]
    [InlineData(-5)]
    public void SummaryLengthOutOfRange_IsInvalidOptions(int maxLength)
    {
        var profile = PayloadInputs.DefaultProfile();
        profile.Options.SummaryPreviewMaxLength = maxLength;
        var buffer = new ArrayBufferWriter<byte>();

        Assert.False(profile.Options.TryValidate(out var error));
        Assert.Contains("SummaryPreviewMaxLength", error, StringComparison.Ordinal);
        var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.Write(buffer, Input(PayloadInputs.EventId), profile));
        Assert.Equal(WebhookPayloadBuildError.InvalidOptions, ex.Reason);
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void Defaults_AreTheContracts()
    {
        var options = new WebhookPayloadOptions();

        Assert.True(options.IncludeCustomerContext);
        Assert.True(options.IncludeContactDetails);
        Assert.False(options.IncludeSummaryPreview);
        Assert.False(options.IncludeBillingDetails);
        Assert.Equal(200, options.SummaryPreviewMaxLength);
        Assert.True(options.TryValidate(out _));
        Assert.False(new WebhookPayloadProfile().BillingWebhooksEnabled);
        Assert.Null(new WebhookPayloadProfile().SourceSystem);
    }

    [Fact]
    public void NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => WebhookPayloadBuilder.Build(null!, PayloadInputs.DefaultProfile()));
        Assert.Throws<ArgumentNullException>(() => WebhookPayloadBuilder.Build(Input(PayloadInputs.EventId), null!));
        Assert.Throws<ArgumentNullException>(() => WebhookPayloadBuilder.Write(null!, Input(PayloadInputs.EventId), PayloadInputs.DefaultProfile()));
    }

    private static WebhookEventInput Input(string? eventId)
    {
        var own = PayloadInputs.For(WebhookEventType.VisitReportApproved);
        return new WebhookEventInput
        {
            EventType = own.EventType,
            OccurredAt = own.OccurredAt,
            TenantId = own.TenantId,
            EventId = eventId,
            VisitReport = own.VisitReport,
        };
    }
}
