using System.Text;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads.Tests;

/// <summary>
/// Every field that must never be sent holds a unique marker; no event type under any option combination (with the
/// tenant's billing feature on and the longest allowed summary preview) may carry one of them.
/// </summary>
public sealed class CanaryTests
{
    [Fact]
    public void NoForbiddenValue_ReachesAnyBody()
    {
        var checkedBodies = 0;
        foreach (var descriptor in WebhookEventCatalog.All)
        {
            // Records for every section, also those the type does not carry: dropping them is part of the rule.
            var input = PayloadInputs.WithAllRecords(descriptor.Type, canary: true);
            foreach (var (context, contact, summary, billing) in PayloadInputs.OptionCombinations())
            {
                foreach (var maxLength in new[] { WebhookPayloadOptions.DefaultSummaryPreviewMaxLength, WebhookPayloadOptions.MaxSummaryPreviewMaxLength })
                {
                    var profile = PayloadInputs.Profile(context, contact, summary, billing);
                    profile.Options.SummaryPreviewMaxLength = maxLength;

                    var body = Encoding.UTF8.GetString(WebhookPayloadBuilder.BuildUtf8Bytes(input, profile));

                    // The body is not trivially empty: it carries the envelope and the required sections' ids.
                    Assert.Contains(PayloadInputs.EventId, body, StringComparison.Ordinal);
                    Assert.Contains(descriptor.Type.Value, body, StringComparison.Ordinal);
                    foreach (var marker in PayloadInputs.CanaryMarkers)
                    {
                        Assert.False(
                            body.Contains(marker, StringComparison.OrdinalIgnoreCase),
                            $"{descriptor.Type} ({context}/{contact}/{summary}/{billing}, {maxLength}) leaked the marker {marker}.");
                    }

                    if (!summary || !descriptor.Carries(WebhookSections.SummaryPreview))
                    {
                        Assert.DoesNotContain(PayloadInputs.CanarySummaryHead, body, StringComparison.Ordinal);
                    }

                    checkedBodies++;
                }
            }
        }

        Assert.Equal(24 * 16 * 2, checkedBodies);
    }

    [Fact]
    public void CanaryInput_ExercisesTheSectionsThatCarryForbiddenNeighbours()
    {
        // Guards the canary itself: with everything on, the sections next to the forbidden fields are really sent,
        // so a leak would have had a place to appear.
        var profile = PayloadInputs.Profile(true, true, true, true);
        var report = Encoding.UTF8.GetString(WebhookPayloadBuilder.BuildUtf8Bytes(
            PayloadInputs.WithAllRecords(WebhookEventType.VisitReportApproved, canary: true), profile));
        var billing = Encoding.UTF8.GetString(WebhookPayloadBuilder.BuildUtf8Bytes(
            PayloadInputs.WithAllRecords(WebhookEventType.BillingEventCreated, canary: true), profile));

        Assert.Contains("\"customerNumber\":\"RRM-001\"", report, StringComparison.Ordinal);
        Assert.Contains("\"hasCoordinates\":true", report, StringComparison.Ordinal);
        Assert.Contains("\"displayName\":\"Anna Weber\"", report, StringComparison.Ordinal);
        Assert.Contains(PayloadInputs.CanarySummaryHead, report, StringComparison.Ordinal);
        Assert.Contains("[email]", report, StringComparison.Ordinal);
        Assert.Contains("[phone]", report, StringComparison.Ordinal);
        Assert.Contains("[iban]", report, StringComparison.Ordinal);
        Assert.Contains("\"costCenter\":\"CC-ESSEN-410\"", billing, StringComparison.Ordinal);
        Assert.Contains("\"externalId\":\"JOB-2026-000918\"", billing, StringComparison.Ordinal);
    }
}
