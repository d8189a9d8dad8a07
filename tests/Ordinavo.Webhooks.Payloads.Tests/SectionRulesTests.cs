using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads.Tests;

public sealed class SectionRulesTests
{
    [Fact]
    public void EveryEventType_GetsExactlyTheCatalogsSections_NarrowedByTheOptions()
    {
        foreach (var descriptor in WebhookEventCatalog.All)
        {
            var input = PayloadInputs.WithAllRecords(descriptor.Type);
            foreach (var (context, contact, summary, billing) in PayloadInputs.OptionCombinations())
            {
                var evt = WebhookPayloadBuilder.Build(input, PayloadInputs.Profile(context, contact, summary, billing));

                var expected = descriptor.Sections;
                if (!context)
                {
                    expected &= ~(WebhookSections.Customer | WebhookSections.Location);
                }

                if (!contact)
                {
                    expected &= ~WebhookSections.Contact;
                }

                if (!summary)
                {
                    expected &= ~WebhookSections.SummaryPreview;
                }

                Assert.True(expected == evt.PresentSections, $"{descriptor.Type} ({context}/{contact}/{summary}/{billing}): expected {expected}, got {evt.PresentSections}.");
                Assert.Equal(descriptor.RequiredSections, evt.PresentSections & descriptor.RequiredSections);
            }
        }
    }

    [Fact]
    public void OptionalSectionWithoutARecord_IsAbsent()
    {
        var input = new WebhookEventInput
        {
            EventType = WebhookEventType.VisitReportApproved,
            OccurredAt = PayloadInputs.OccurredAt,
            TenantId = PayloadInputs.TenantId,
            EventId = PayloadInputs.EventId,
            VisitReport = PayloadInputs.VisitReport(WebhookEventType.VisitReportApproved),
        };

        var evt = WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile());

        Assert.Equal(WebhookSections.VisitReport, evt.PresentSections);
    }

    [Theory]
    [MemberData(nameof(PayloadInputs.EventTypes), MemberType = typeof(PayloadInputs))]
    public void MissingRequiredRecord_IsATypedError_NamingTheSection(string eventType)
    {
        var descriptor = WebhookEventCatalog.Get(eventType);
        foreach (var section in new[]
                 {
                     WebhookSections.Target, WebhookSections.Appointment, WebhookSections.Route, WebhookSections.VisitReport,
                     WebhookSections.Billing, WebhookSections.Problem,
                 })
        {
            if ((descriptor.RequiredSections & section) == 0)
            {
                continue;
            }

            var input = Without(PayloadInputs.For(eventType), section);

            var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile()));

            Assert.Equal(WebhookPayloadBuildError.MissingRequiredSection, ex.Reason);
            Assert.Equal(section, ex.Section);
            Assert.Contains(eventType, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void VisitReportApprovedWithoutReport_HasAClearMessage()
    {
        var input = Without(PayloadInputs.For(WebhookEventType.VisitReportApproved), WebhookSections.VisitReport);

        var ex = Assert.Throws<WebhookPayloadBuildException>(() => WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile()));

        Assert.Equal(
            "Events of type 'visit_report.approved' require the 'visitReport' section, but the input has no visitReport record.",
            ex.Message);
    }

    [Fact]
    public void CustomerNumber_ComesFromTheCustomerRecord_NeverFromTheTarget()
    {
        var evt = WebhookPayloadBuilder.Build(PayloadInputs.For(WebhookEventType.VisitReportApproved), PayloadInputs.DefaultProfile());
        var body = WebhookEventSerializer.SerializeToString(evt);

        Assert.Equal("RRM-001", evt.Customer!.CustomerNumber);
        Assert.DoesNotContain("K-0815-LEGACY", body, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomerNumber_IsAbsent_WhenOnlyTheTargetHasOne()
    {
        var own = PayloadInputs.For(WebhookEventType.VisitReportApproved);
        var input = new WebhookEventInput
        {
            EventType = own.EventType,
            OccurredAt = own.OccurredAt,
            TenantId = own.TenantId,
            EventId = own.EventId,
            Customer = new CustomerRecord { TenantId = PayloadInputs.TenantId, Id = 12, Name = "Rhein-Ruhr Medical Supply" },
            Target = own.Target,
            VisitReport = own.VisitReport,
        };

        var body = WebhookEventSerializer.SerializeToString(WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile()));

        Assert.DoesNotContain("customerNumber", body, StringComparison.Ordinal);
        Assert.DoesNotContain("K-0815-LEGACY", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(51.4475, 7.0079, true)]
    [InlineData(0.0, 0.0, true)]
    [InlineData(51.4475, null, false)]
    [InlineData(null, 7.0079, false)]
    [InlineData(null, null, false)]
    public void Location_SaysWhetherCoordinatesExist_WithoutSendingThem(double? latitude, double? longitude, bool expected)
    {
        var own = PayloadInputs.For(WebhookEventType.AppointmentCompleted);
        var input = new WebhookEventInput
        {
            EventType = own.EventType,
            OccurredAt = own.OccurredAt,
            TenantId = own.TenantId,
            EventId = own.EventId,
            Appointment = own.Appointment,
            Location = new LocationRecord
            {
                TenantId = PayloadInputs.TenantId, Id = 34, Name = "Essen Center", City = "Essen", Latitude = latitude, Longitude = longitude,
            },
        };

        var evt = WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile());
        var body = WebhookEventSerializer.SerializeToString(evt);

        Assert.Equal(expected, evt.Location!.HasCoordinates);
        Assert.DoesNotContain("51.4475", body, StringComparison.Ordinal);
        Assert.DoesNotContain("7.0079", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(true, true, true)]
    public void BillingDetails_NeedTheOptionAndTheTenantFeature(bool option, bool feature, bool expectDetails)
    {
        foreach (var type in new[]
                 {
                     WebhookEventType.BillingEventCreated, WebhookEventType.BillingEventReady, WebhookEventType.BillingEventSent,
                     WebhookEventType.BillingEventFailed,
                 })
        {
            var profile = PayloadInputs.DefaultProfile();
            profile.Options.IncludeBillingDetails = option;
            profile.BillingWebhooksEnabled = feature;

            var billing = WebhookPayloadBuilder.Build(PayloadInputs.For(type), profile).Billing!;

            Assert.Equal(3001, billing.Id);
            Assert.Equal("BILL-2026-3001", billing.ExternalId);
            Assert.Equal(901, billing.VisitReportId);
            Assert.NotNull(billing.Status);
            Assert.Equal(expectDetails, billing.Details is not null);
            if (expectDetails)
            {
                Assert.Equal("MAINT-STD", billing.Details!.ServiceCode);
                Assert.Equal(75, billing.Details.WorkDurationMinutes);
                Assert.Equal("CC-ESSEN-410", billing.Details.CostCenter);
            }
        }
    }

    [Fact]
    public void Billing_NeverCarriesMoneyOrInvoiceNumbers_EvenWithEverythingOn()
    {
        var body = System.Text.Encoding.UTF8.GetString(WebhookPayloadBuilder.BuildUtf8Bytes(
            PayloadInputs.For(WebhookEventType.BillingEventSent), PayloadInputs.Profile(true, true, true, true)));

        Assert.Contains("\"details\":", body, StringComparison.Ordinal);
        foreach (var forbidden in new[] { "412.5", "78.38", "490.88", "INV-2026-01733", "EUR", "amount", "tax", "total", "invoice", "price" })
        {
            Assert.DoesNotContain(forbidden, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void ContactOption_IsIndependentOfCustomerContext()
    {
        var input = PayloadInputs.For(WebhookEventType.AppointmentCompleted);

        var contactOnly = WebhookPayloadBuilder.Build(input, PayloadInputs.Profile(false, true, false, false));
        var contextOnly = WebhookPayloadBuilder.Build(input, PayloadInputs.Profile(true, false, false, false));

        Assert.Equal(WebhookSections.Contact, contactOnly.PresentSections & WebhookSections.CustomerContext);
        Assert.Equal(WebhookSections.Customer | WebhookSections.Location, contextOnly.PresentSections & WebhookSections.CustomerContext);
        Assert.Equal("Anna Weber", contactOnly.Contact!.DisplayName);
    }

    [Fact]
    public void Route_CountsItsStops_AndWritesTheDay()
    {
        var route = WebhookPayloadBuilder.Build(PayloadInputs.For(WebhookEventType.RoutePublished), PayloadInputs.DefaultProfile()).Route!;

        Assert.Equal(3, route.StopCount);
        Assert.Equal([439L, 441L, 442L], route.AppointmentIds);
        Assert.Equal("2026-06-18", route.RouteDate);
        Assert.Equal("Published", route.Status);
    }

    private static WebhookEventInput Without(WebhookEventInput input, WebhookSections section) => new()
    {
        EventType = input.EventType,
        OccurredAt = input.OccurredAt,
        TenantId = input.TenantId,
        EventId = input.EventId,
        Customer = input.Customer,
        Location = input.Location,
        Contact = input.Contact,
        Target = section == WebhookSections.Target ? null : input.Target,
        Appointment = section == WebhookSections.Appointment ? null : input.Appointment,
        Route = section == WebhookSections.Route ? null : input.Route,
        VisitReport = section == WebhookSections.VisitReport ? null : input.VisitReport,
        Billing = section == WebhookSections.Billing ? null : input.Billing,
        Problem = section == WebhookSections.Problem ? null : input.Problem,
    };
}
