using System.Reflection;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using static Ordinavo.Webhooks.Signing.Tests.Verification.VerifierFixture;

namespace Ordinavo.Webhooks.Signing.Tests.Verification;

public sealed class WebhookVerifierTests
{
    [Fact]
    public void A_signed_request_verifies_and_the_result_tells_what_was_verified()
    {
        var signed = Sign(Old);

        var result = Verifier(Old).Verify(signed.EventId, signed.Timestamp, signed.Signature, Body);

        Assert.Equal(WebhookVerificationStatus.Valid, result.Status);
        Assert.True(result.IsValid);
        Assert.Equal(WebhookSignatureScheme.Ordinavo, result.Scheme);
        Assert.Equal(EventId, result.EventId);
        Assert.Equal(Now, result.Timestamp);
        Assert.Equal(0, result.MatchedSecretIndex);
        Assert.Null(result.HeaderName);
        result.ThrowIfInvalid();
    }

    [Fact]
    public void Tampering_with_body_timestamp_or_event_id_is_detected()
    {
        var signed = Sign(Old);
        var verifier = Verifier(Old);
        var body = (byte[])Body.Clone();
        body[^2] ^= 0x20;

        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, verifier.Verify(signed.EventId, signed.Timestamp, signed.Signature, body).Status);
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, verifier.Verify(signed.EventId, signed.Timestamp, signed.Signature, Body.AsSpan(0, Body.Length - 1)).Status);
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, verifier.Verify(signed.EventId, "2026-06-18T16:40:01Z", signed.Signature, Body).Status);
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, verifier.Verify("evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3D", signed.Timestamp, signed.Signature, Body).Status);
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, verifier.VerifyStandardWebhooks(signed.EventId, (Now.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), signed.StandardWebhookSignature, Body).Status);
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, verifier.VerifyStandardWebhooks(signed.EventId, signed.StandardWebhookTimestamp, signed.StandardWebhookSignature, body).Status);
    }

    [Fact]
    public void A_wrong_secret_does_not_match()
    {
        var signed = Sign(Old);

        var result = Verifier(Other).Verify(signed.EventId, signed.Timestamp, signed.Signature, Body);

        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, result.Status);
        Assert.Equal(-1, result.MatchedSecretIndex);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Rotation_works_in_both_directions()
    {
        // Publisher already signs with old and new; receiver has switched to the new secret only.
        var both = Sign(Old, New);
        var newOnly = Verifier(New).Verify(both.EventId, both.Timestamp, both.Signature, Body);
        Assert.Equal(WebhookVerificationStatus.Valid, newOnly.Status);
        Assert.Equal(0, newOnly.MatchedSecretIndex);

        // Receiver holds new and old; publisher still signs with the old secret only.
        var old = Sign(Old);
        var receiverBoth = Verifier(New, Old).Verify(old.EventId, old.Timestamp, old.Signature, Body);
        Assert.Equal(WebhookVerificationStatus.Valid, receiverBoth.Status);
        Assert.Equal(1, receiverBoth.MatchedSecretIndex);

        // Same for Standard Webhooks.
        Assert.True(Verifier(New).VerifyStandardWebhooks(both.EventId, both.StandardWebhookTimestamp, both.StandardWebhookSignature, Body).IsValid);
        Assert.True(Verifier(New, Old).VerifyStandardWebhooks(old.EventId, old.StandardWebhookTimestamp, old.StandardWebhookSignature, Body).IsValid);

        // After rotation the retired secret no longer verifies.
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, Verifier(New).Verify(old.EventId, old.Timestamp, old.Signature, Body).Status);
    }

    [Theory]
    [InlineData("{0},{1}")]
    [InlineData("{1},{0}")]
    [InlineData("{1}, {0}")]
    [InlineData("  {1} ,\t{0}  ")]
    [InlineData("{1},,{0},")]
    [InlineData(", {0}")]
    [InlineData("{0}")]
    public void Entry_order_and_white_space_do_not_matter(string format)
    {
        var valid = Sign(Old).Signature;
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, valid, "sha256=" + new string('0', 64));

        Assert.Equal(WebhookVerificationStatus.Valid, Verifier(Old).Verify(EventId, " 2026-06-18T16:40:00Z\t", header, Body).Status);
    }

    [Fact]
    public void White_space_around_header_values_is_not_part_of_them()
    {
        var signed = Sign(Old);

        var result = Verifier(Old).Verify("  " + signed.EventId + " ", "\t" + signed.Timestamp, signed.Signature + "  ", Body);

        Assert.Equal(WebhookVerificationStatus.Valid, result.Status);
        Assert.Equal(EventId, result.EventId);
    }

    [Fact]
    public void Upper_case_hex_and_prefix_are_accepted()
    {
        var signature = Sign(Old).Signature;

        Assert.True(Verifier(Old).Verify(EventId, "2026-06-18T16:40:00Z", "sha256=" + signature[7..].ToUpperInvariant(), Body).IsValid);
        Assert.True(Verifier(Old).Verify(EventId, "2026-06-18T16:40:00Z", signature.ToUpperInvariant(), Body).IsValid);
    }

    [Fact]
    public void A_valid_entry_is_found_after_many_malformed_ones()
    {
        var junk = Enumerable.Range(0, 200).Select(i => (i % 4) switch
        {
            0 => "sha256=" + new string('g', 64),
            1 => "sha512=" + new string('a', 128),
            2 => "sha256=" + new string('a', 63),
            _ => "garbage",
        });
        var header = string.Join(", ", junk.Append("sha256=" + new string('f', 64)).Append(Sign(Old).Signature));

        Assert.True(Verifier(Old).Verify(EventId, "2026-06-18T16:40:00Z", header, Body).IsValid);
    }

    [Fact]
    public void Missing_or_empty_headers_are_named()
    {
        var s = Sign(Old);
        var verifier = Verifier(Old);

        AssertFailure(verifier.Verify(null, s.Timestamp, s.Signature, Body), WebhookVerificationStatus.MissingHeader, "X-Ordinavo-Event-Id");
        AssertFailure(verifier.Verify("", s.Timestamp, s.Signature, Body), WebhookVerificationStatus.MissingHeader, "X-Ordinavo-Event-Id");
        AssertFailure(verifier.Verify(s.EventId, " ", s.Signature, Body), WebhookVerificationStatus.MissingHeader, "X-Ordinavo-Timestamp");
        AssertFailure(verifier.Verify(s.EventId, s.Timestamp, "\t", Body), WebhookVerificationStatus.MissingHeader, "X-Ordinavo-Signature");
        AssertFailure(verifier.VerifyStandardWebhooks(s.EventId, null, s.StandardWebhookSignature, Body), WebhookVerificationStatus.MissingHeader, "webhook-timestamp");
        AssertFailure(verifier.Verify(new DictionaryHeaderReader(new Dictionary<string, string>()), Body), WebhookVerificationStatus.MissingHeader, "X-Ordinavo-Signature");
    }

    [Theory]
    [InlineData("2026-06-18 16:40:00Z")]
    [InlineData("2026-06-18T16:40:00")]
    [InlineData("2026-06-18T16:40:00+00:00")]
    [InlineData("2026-06-18T16:40:00.000Z")]
    [InlineData("2026-06-18t16:40:00z")]
    [InlineData("2026-02-30T16:40:00Z")]
    [InlineData("2026-06-18T24:00:00Z")]
    [InlineData("2026-06-18T16:60:00Z")]
    [InlineData("2026-06-18T16:40:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("1781800800")]
    [InlineData("２０２６-06-18T16:40:00Z")]
    public void Timestamps_not_in_the_contract_form_are_malformed(string timestamp)
    {
        var result = Verifier(Old).Verify(EventId, timestamp, Sign(Old).Signature, Body);

        AssertFailure(result, WebhookVerificationStatus.MalformedHeader, "X-Ordinavo-Timestamp");
    }

    [Theory]
    [InlineData("-1781800800")]
    [InlineData("+1781800800")]
    [InlineData("1781800800.5")]
    [InlineData("2026-06-18T16:40:00Z")]
    [InlineData("9999999999999")]
    [InlineData("253402300800")]
    public void Standard_Webhooks_timestamps_must_be_plain_unix_seconds(string timestamp)
    {
        var result = Verifier(Old).VerifyStandardWebhooks(EventId, timestamp, Sign(Old).StandardWebhookSignature, Body);

        AssertFailure(result, WebhookVerificationStatus.MalformedHeader, "webhook-timestamp");
    }

    [Theory]
    [InlineData("sha256=")]
    [InlineData("sha256=abc")]
    [InlineData("sha1=0123456789abcdef0123456789abcdef01234567")]
    [InlineData("v1,MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=")]
    [InlineData(",,, ,")]
    public void A_signature_header_without_any_well_formed_entry_is_malformed(string header)
    {
        AssertFailure(Verifier(Old).Verify(EventId, "2026-06-18T16:40:00Z", header, Body), WebhookVerificationStatus.MalformedHeader, "X-Ordinavo-Signature");
    }

    [Fact]
    public void A_single_character_that_is_not_a_hex_digit_makes_the_entry_malformed_wherever_it_is()
    {
        var valid = Sign(Old).Signature;
        var verifier = Verifier(Old);
        Assert.True(verifier.Verify(EventId, "2026-06-18T16:40:00Z", valid, Body).IsValid);

        // Includes characters whose low seven bits are hex digits ('\u0141' ends in 0x41 'A', '\u00E1' in 0x61 'a').
        foreach (var bad in "gG:/@`-x \u0141\u00E1\u0130\uFF10")
        {
            for (var position = 7; position < valid.Length; position += 9)
            {
                var header = string.Concat(valid.AsSpan(0, position), bad.ToString(), valid.AsSpan(position + 1));
                AssertFailure(verifier.Verify(EventId, "2026-06-18T16:40:00Z", header, Body), WebhookVerificationStatus.MalformedHeader, "X-Ordinavo-Signature");
            }
        }
    }

    [Fact]
    public void Absurdly_long_headers_are_handled_without_throwing()
    {
        var verifier = Verifier(Old);
        var signed = Sign(Old);
        var huge = new string('a', 1_000_000);

        AssertFailure(verifier.Verify(new string('e', 129), signed.Timestamp, signed.Signature, Body), WebhookVerificationStatus.MalformedHeader, "X-Ordinavo-Event-Id");
        AssertFailure(verifier.Verify(huge, signed.Timestamp, signed.Signature, Body), WebhookVerificationStatus.MalformedHeader, "X-Ordinavo-Event-Id");
        AssertFailure(verifier.Verify(signed.EventId, huge, signed.Signature, Body), WebhookVerificationStatus.MalformedHeader, "X-Ordinavo-Timestamp");
        AssertFailure(verifier.Verify(signed.EventId, signed.Timestamp, huge, Body), WebhookVerificationStatus.MalformedHeader, "X-Ordinavo-Signature");
        AssertFailure(verifier.VerifyStandardWebhooks(signed.EventId, signed.StandardWebhookTimestamp, huge, Body), WebhookVerificationStatus.MalformedHeader, "webhook-signature");
        Assert.True(verifier.Verify(signed.EventId, signed.Timestamp, huge + ", " + signed.Signature, Body).IsValid);
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature,
            verifier.Verify(signed.EventId, signed.Timestamp, string.Join(", ", Enumerable.Repeat("sha256=" + new string('0', 64), 10_000)), Body).Status);
    }

    [Theory]
    [InlineData(0, WebhookVerificationStatus.Valid)]
    [InlineData(300, WebhookVerificationStatus.Valid)]
    [InlineData(-300, WebhookVerificationStatus.Valid)]
    [InlineData(301, WebhookVerificationStatus.TimestampOutsideTolerance)]
    [InlineData(-301, WebhookVerificationStatus.TimestampOutsideTolerance)]
    [InlineData(86_400 * 365, WebhookVerificationStatus.TimestampOutsideTolerance)]
    [InlineData(-86_400 * 365, WebhookVerificationStatus.TimestampOutsideTolerance)]
    public void Timestamps_in_the_past_and_future_are_checked_against_the_default_tolerance(int signedSecondsAgo, WebhookVerificationStatus expected)
    {
        var signedAt = Now.AddSeconds(-signedSecondsAgo);
        var signed = new WebhookSigner(Old).Sign(EventId, signedAt, Body, includeStandardWebhooks: true);
        var verifier = Verifier(Old);

        var result = verifier.Verify(signed.EventId, signed.Timestamp, signed.Signature, Body);
        var standard = verifier.VerifyStandardWebhooks(signed.EventId, signed.StandardWebhookTimestamp, signed.StandardWebhookSignature, Body);

        Assert.Equal(expected, result.Status);
        Assert.Equal(expected, standard.Status);
        Assert.Equal(signedAt, result.Timestamp);
    }

    [Fact]
    public void The_tolerance_and_the_clock_are_configurable()
    {
        var clock = new FakeTimeProvider(Now);
        var verifier = Verifier(clock, TimeSpan.FromSeconds(30), true, Old);
        var signed = Sign(Old);

        Assert.True(verifier.Verify(signed.EventId, signed.Timestamp, signed.Signature, Body).IsValid);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(verifier.Verify(signed.EventId, signed.Timestamp, signed.Signature, Body).IsValid);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(WebhookVerificationStatus.TimestampOutsideTolerance, verifier.Verify(signed.EventId, signed.Timestamp, signed.Signature, Body).Status);
    }

    [Fact]
    public void Standard_Webhooks_headers_are_used_when_the_Ordinavo_signature_is_absent()
    {
        var headers = Headers(Sign(Old));
        headers.Remove("X-Ordinavo-Signature");

        var result = Verifier(Old).Verify(new DictionaryHeaderReader(headers), Body);
        var refused = Verifier(new FakeTimeProvider(Now), null, false, Old).Verify(new DictionaryHeaderReader(headers), Body);

        Assert.Equal(WebhookVerificationStatus.Valid, result.Status);
        Assert.Equal(WebhookSignatureScheme.StandardWebhooks, result.Scheme);
        AssertFailure(refused, WebhookVerificationStatus.MissingHeader, "X-Ordinavo-Signature");
    }

    [Fact]
    public void The_Ordinavo_headers_take_precedence_when_both_are_present()
    {
        var headers = Headers(Sign(Old));
        headers["X-Ordinavo-Signature"] = "sha256=" + new string('0', 64);

        var result = Verifier(Old).Verify(new DictionaryHeaderReader(headers), Body);

        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, result.Status);
        Assert.Equal(WebhookSignatureScheme.Ordinavo, result.Scheme);
    }

    [Fact]
    public void Standard_Webhooks_entries_of_other_versions_are_skipped()
    {
        var signed = Sign(Old);
        var header = "v1a,bm90IGEgc2lnbmF0dXJl v2," + signed.StandardWebhookSignature![3..] + "  v1,short " + signed.StandardWebhookSignature;

        Assert.True(Verifier(Old).VerifyStandardWebhooks(EventId, signed.StandardWebhookTimestamp, header, Body).IsValid);
        AssertFailure(Verifier(Old).VerifyStandardWebhooks(EventId, signed.StandardWebhookTimestamp, "v1a,abc v2,def", Body),
            WebhookVerificationStatus.MalformedHeader, "webhook-signature");
    }

    [Fact]
    public void Headers_of_an_HttpRequestMessage_are_read_including_repeated_signature_headers()
    {
        var signed = Sign(Old);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/hook");
        signed.AddTo(request.Headers);
        request.Headers.Remove("X-Ordinavo-Signature");
        request.Headers.TryAddWithoutValidation("X-Ordinavo-Signature", "sha256=" + new string('1', 64));
        request.Headers.TryAddWithoutValidation("x-ordinavo-signature", signed.Signature);

        var reader = new HttpHeadersReader(request.Headers);
        Assert.Equal("sha256=" + new string('1', 64) + ", " + signed.Signature, reader.GetValue(WebhookHeaderNames.Signature));
        Assert.Null(reader.GetValue("X-Not-There"));
        Assert.True(Verifier(Old).Verify(reader, Body).IsValid);
    }

    [Fact]
    public void A_header_reader_given_as_an_interface_works_too()
    {
        IWebhookHeaderReader reader = new DictionaryHeaderReader(Headers(Sign(Old)));

        Assert.True(Verifier(Old).Verify(reader, Body).IsValid);
        Assert.Equal(WebhookVerificationStatus.MissingHeader, Verifier(Old).Verify<IWebhookHeaderReader>(null!, Body).Status);
        Assert.Null(default(DictionaryHeaderReader).GetValue("X-Ordinavo-Signature"));
    }

    [Fact]
    public void VerifyOrThrow_throws_a_typed_exception_that_shows_no_values()
    {
        var signed = Sign(Old);
        var verifier = Verifier(Other);

        var mismatch = Assert.Throws<WebhookSignatureException>(() => verifier.VerifyOrThrow(signed.EventId, signed.Timestamp, signed.Signature, Body));
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, mismatch.Reason);
        Assert.DoesNotContain(signed.Signature[7..], mismatch.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Other.ExposeSecret()[6..], mismatch.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<WebhookSignatureException>(() => verifier.VerifyOrThrow(new DictionaryHeaderReader(new Dictionary<string, string>()), Body));
        Assert.Equal(WebhookVerificationStatus.MissingHeader, missing.Reason);
        Assert.Equal("X-Ordinavo-Signature", missing.HeaderName);
        Assert.Contains("X-Ordinavo-Signature", missing.Message, StringComparison.Ordinal);

        var malformed = Assert.Throws<WebhookSignatureException>(() => Verifier(Old).Verify("evt_1", "yesterday at noon", signed.Signature, Body).ThrowIfInvalid());
        Assert.Equal(WebhookVerificationStatus.MalformedHeader, malformed.Reason);
        Assert.DoesNotContain("yesterday", malformed.Message, StringComparison.Ordinal);

        Assert.Equal(WebhookVerificationStatus.Valid, Verifier(Old).VerifyOrThrow(new DictionaryHeaderReader(Headers(signed)), Body).Status);
    }

    [Fact]
    public void Options_are_validated_and_copied()
    {
        Assert.Throws<ArgumentNullException>(() => new WebhookVerifier(null!));
        Assert.Throws<ArgumentException>(() => new WebhookVerifier(new WebhookVerifierOptions()));
        Assert.Throws<ArgumentException>(() => Verifier(new FakeTimeProvider(Now), TimeSpan.Zero, true, Old));
        Assert.Throws<ArgumentException>(() => Verifier(new FakeTimeProvider(Now), TimeSpan.FromSeconds(-1), true, Old));
        Assert.Throws<ArgumentException>(() => Verifier((TimeProvider)null!, Old));
        Assert.Throws<ArgumentException>(() => Verifier(new FakeTimeProvider(Now), [null!]));

        var options = new WebhookVerifierOptions { TimeProvider = new FakeTimeProvider(Now) };
        options.Secrets.Add(Old);
        var verifier = new WebhookVerifier(options);
        options.Secrets.Clear();
        options.Secrets.Add(Other);
        var signed = Sign(Old);
        Assert.True(verifier.Verify(signed.EventId, signed.Timestamp, signed.Signature, Body).IsValid);
        Assert.Equal(TimeSpan.FromMinutes(5), new WebhookVerifierOptions().Tolerance);
        Assert.False(new WebhookVerifierOptions().AcceptStandardWebhooks);
    }

    [Fact]
    public void By_default_a_request_with_only_the_Standard_Webhooks_headers_is_refused_as_the_receiver_refuses_it()
    {
        var headers = Headers(Sign(Old));
        headers.Remove("X-Ordinavo-Signature");
        var options = new WebhookVerifierOptions { TimeProvider = new FakeTimeProvider(Now) };
        options.Secrets.Add(Old);
        var verifier = new WebhookVerifier(options);

        AssertFailure(verifier.Verify(new DictionaryHeaderReader(headers), Body), WebhookVerificationStatus.MissingHeader, "X-Ordinavo-Signature");
        Assert.True(verifier.VerifyStandardWebhooks(headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], Body).IsValid);
    }

    [Fact]
    public async Task Concurrent_verification_from_many_threads_is_correct()
    {
        var verifier = Verifier(Other, Old);
        var signed = Sign(Old);
        var tampered = (byte[])Body.Clone();
        tampered[0] ^= 1;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            Enumerable.Range(0, 500).All(i => (i + t) % 2 == 0
                ? verifier.Verify(signed.EventId, signed.Timestamp, signed.Signature, Body).MatchedSecretIndex == 1
                : verifier.Verify(signed.EventId, signed.Timestamp, signed.Signature, tampered).Status == WebhookVerificationStatus.NoMatchingSignature))));

        Assert.All(outcomes, Assert.True);
    }

    [Fact]
    public void The_tests_run_against_the_intended_build_of_the_package()
    {
        var framework = typeof(WebhookVerifier).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
#if SIGNING_NETSTANDARD
        Assert.Equal(".NETStandard,Version=v2.0", framework);
#else
        Assert.Equal(".NETCoreApp,Version=v10.0", framework);
#endif
    }

    [Fact]
    public void Results_compare_by_value_and_describe_themselves_without_values()
    {
        var signed = Sign(Old);
        var a = Verifier(Old).Verify(signed.EventId, "garbage-timestamp", signed.Signature, Body);
        var b = Verifier(Old).Verify(signed.EventId, "garbage-timestamp", signed.Signature, Body);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Verifier(Old).Verify(signed.EventId, signed.Timestamp, signed.Signature, Body));
        Assert.Equal("The webhook header 'X-Ordinavo-Timestamp' is malformed.", a.ToString());
    }

    [Fact]
    public void A_default_result_is_not_valid()
    {
        var result = default(WebhookVerificationResult);

        Assert.False(result.IsValid);
        Assert.Equal(WebhookVerificationStatus.NotVerified, result.Status);
        Assert.Equal(WebhookVerificationStatus.NotVerified, Assert.Throws<WebhookSignatureException>(result.ThrowIfInvalid).Reason);
    }

    private static void AssertFailure(WebhookVerificationResult result, WebhookVerificationStatus status, string header)
    {
        Assert.Equal(status, result.Status);
        Assert.Equal(header, result.HeaderName);
        Assert.False(result.IsValid);
        Assert.Equal(-1, result.MatchedSecretIndex);
    }
}
