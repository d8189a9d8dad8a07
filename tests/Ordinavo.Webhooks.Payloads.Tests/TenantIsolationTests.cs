using System.Buffers;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads.Tests;

public sealed class TenantIsolationTests
{
    [Fact]
    public void ForeignTenantContact_FailsClosed_NamingTheSectionNotTheData()
    {
        var input = WithContact(PayloadInputs.Contact(tenantId: PayloadInputs.OtherTenantId));
        var buffer = new ArrayBufferWriter<byte>();

        var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.Write(buffer, input, PayloadInputs.DefaultProfile()));

        Assert.Equal(WebhookPayloadBuildError.TenantMismatch, ex.Reason);
        Assert.Equal(WebhookSections.Contact, ex.Section);
        Assert.Contains("contact", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PayloadInputs.OtherTenantId, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PayloadInputs.TenantId, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("56", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void ForeignTenantContact_FailsClosed_EvenWhenTheSubscriptionWouldNotSeeTheContact()
    {
        var input = WithContact(PayloadInputs.Contact(tenantId: PayloadInputs.OtherTenantId));
        var profile = PayloadInputs.Profile(customerContext: false, contactDetails: false, summaryPreview: false, billingDetails: false);

        var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.BuildUtf8Bytes(input, profile));

        Assert.Equal(WebhookPayloadBuildError.TenantMismatch, ex.Reason);
        Assert.Equal(WebhookSections.Contact, ex.Section);
    }

    [Fact]
    public void ForeignTenantRecord_ThatTheEventTypeDoesNotCarry_StillFailsClosed()
    {
        var own = PayloadInputs.For(WebhookEventType.TargetImported);
        var input = new WebhookEventInput
        {
            EventType = own.EventType,
            OccurredAt = own.OccurredAt,
            TenantId = own.TenantId,
            EventId = own.EventId,
            Target = own.Target,
            Billing = PayloadInputs.Billing(WebhookEventType.BillingEventCreated, tenantId: PayloadInputs.OtherTenantId),
        };

        var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile()));

        Assert.Equal(WebhookSections.Billing, ex.Section);
    }

    [Theory]
    [InlineData(WebhookSections.Customer)]
    [InlineData(WebhookSections.Location)]
    [InlineData(WebhookSections.Contact)]
    [InlineData(WebhookSections.Target)]
    [InlineData(WebhookSections.Appointment)]
    [InlineData(WebhookSections.Route)]
    [InlineData(WebhookSections.VisitReport)]
    [InlineData(WebhookSections.Billing)]
    [InlineData(WebhookSections.Problem)]
    public void EveryRecordKind_IsChecked(WebhookSections section)
    {
        var input = AllRecordsWithForeign(section, PayloadInputs.OtherTenantId);

        var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile()));

        Assert.Equal(WebhookPayloadBuildError.TenantMismatch, ex.Reason);
        Assert.Equal(section, ex.Section);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TENANT-123")]
    [InlineData("tenant-123 ")]
    public void RecordWithoutOrWithAnAlmostEqualTenant_FailsClosed(string tenantId)
    {
        var input = AllRecordsWithForeign(WebhookSections.Customer, tenantId);

        var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile()));

        Assert.Equal(WebhookPayloadBuildError.TenantMismatch, ex.Reason);
        Assert.Equal(WebhookSections.Customer, ex.Section);
    }

    [Fact]
    public void AllRecordsOfTheEventsTenant_Build()
    {
        var evt = WebhookPayloadBuilder.Build(AllRecordsWithForeign(WebhookSections.None, ""), PayloadInputs.DefaultProfile());

        Assert.Equal(PayloadInputs.TenantId, evt.TenantId);
        Assert.NotNull(evt.Contact);
    }

    private static WebhookEventInput WithContact(ContactRecord contact)
    {
        var own = PayloadInputs.For(WebhookEventType.VisitReportApproved);
        return new WebhookEventInput
        {
            EventType = own.EventType,
            OccurredAt = own.OccurredAt,
            TenantId = own.TenantId,
            EventId = own.EventId,
            Customer = own.Customer,
            Location = own.Location,
            Contact = contact,
            Target = own.Target,
            VisitReport = own.VisitReport,
        };
    }

    private static WebhookEventInput AllRecordsWithForeign(WebhookSections foreign, string foreignTenant)
    {
        var type = WebhookEventType.VisitReportProblemReported;
        string T(WebhookSections s) => s == foreign ? foreignTenant : PayloadInputs.TenantId;
        return new WebhookEventInput
        {
            EventType = type,
            OccurredAt = PayloadInputs.OccurredAt,
            TenantId = PayloadInputs.TenantId,
            EventId = PayloadInputs.EventId,
            Customer = PayloadInputs.Customer(tenantId: T(WebhookSections.Customer)),
            Location = PayloadInputs.Location(tenantId: T(WebhookSections.Location)),
            Contact = PayloadInputs.Contact(tenantId: T(WebhookSections.Contact)),
            Target = PayloadInputs.Target(type, tenantId: T(WebhookSections.Target)),
            Appointment = PayloadInputs.Appointment(type, tenantId: T(WebhookSections.Appointment)),
            Route = PayloadInputs.Route(type, tenantId: T(WebhookSections.Route)),
            VisitReport = PayloadInputs.VisitReport(type, tenantId: T(WebhookSections.VisitReport)),
            Billing = PayloadInputs.Billing(type, tenantId: T(WebhookSections.Billing)),
            Problem = PayloadInputs.Problem(type, tenantId: T(WebhookSections.Problem)),
        };
    }
}
