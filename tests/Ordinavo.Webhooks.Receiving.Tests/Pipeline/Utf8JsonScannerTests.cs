using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Receiving.Tests;

/// <summary>
/// The pipeline's own JSON scanner is held to <see cref="Utf8JsonReader"/> (MaxDepth 32), and the envelope read with it
/// to <see cref="ReferenceEnvelopeReader"/>, the same rules over the reader: on generated documents, on seeded mutations
/// of them and of every sample body, the two agree on every verdict, envelope and reason.
/// </summary>
public sealed class Utf8JsonScannerTests
{
    private const string Tricky = "{}[],:\"\\ \t\r\n0123456789-+.eEtrufalsn/\u0001\u007f";

    [Theory]
    [InlineData("{}", true)]
    [InlineData(" \t\r\n{ \"a\" : [ 1 , -0.5e+7 , true , false , null , \"\" , { } , [ ] ] } \n", true)]
    [InlineData("\"a\\u00e9\\\"\\\\\\/\\b\\f\\n\\r\\t\"", true)]
    [InlineData("-0", true)]
    [InlineData("1E-2", true)]
    [InlineData("01", false)]
    [InlineData("1.", false)]
    [InlineData(".5", false)]
    [InlineData("1e", false)]
    [InlineData("+1", false)]
    [InlineData("-", false)]
    [InlineData("\"\\u12g4\"", false)]
    [InlineData("\"\\x\"", false)]
    [InlineData("\"tab\there\"", false)]
    [InlineData("\"open", false)]
    [InlineData("\"escape at end\\", false)]
    [InlineData("[1,]", false)]
    [InlineData("{\"a\":1,}", false)]
    [InlineData("{\"a\" 1}", false)]
    [InlineData("{1:1}", false)]
    [InlineData("[1 2]", false)]
    [InlineData("tru", false)]
    [InlineData("nulls", false)]
    [InlineData("{\"a\":1}}", false)]
    [InlineData("[]/*c*/", false)]
    [InlineData("\u00a0{}", false)]
    [InlineData("\ufeff{}", false)]
    public void Verdicts_match_the_reader(string json, bool valid)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Equal(valid, ReaderAccepts(bytes));
        Assert.Equal(valid, ScannerAccepts(bytes));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(200)]
    public void Nesting_is_limited_at_the_same_depth_as_the_reader(int depth)
    {
        var arrays = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
        var objects = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1));

        Assert.Equal(depth <= Utf8JsonScanner.MaxDepth, ReaderAccepts(arrays));
        Assert.Equal(ReaderAccepts(arrays), ScannerAccepts(arrays));
        Assert.Equal(ReaderAccepts(objects), ScannerAccepts(objects));
    }

    [Fact]
    public void Generated_documents_and_their_mutations_get_the_readers_verdict()
    {
        var random = new Random(20261122);
        var valid = 0;
        var invalid = 0;
        for (var i = 0; i < 4000; i++)
        {
            var builder = new StringBuilder();
            WriteValue(builder, random, random.Next(1, 36));
            var bytes = Encoding.UTF8.GetBytes(builder.ToString());
            if (i % 2 == 1)
            {
                bytes = MutateBytes(bytes, random);
            }

            if (!Utf8.IsValid(bytes))
            {
                continue; // the envelope reader checks UTF-8 before it scans
            }

            var expected = ReaderAccepts(bytes);
            Assert.True(expected == ScannerAccepts(bytes), $"verdicts differ (reader: {expected}) on: {Encoding.UTF8.GetString(bytes)}");
            _ = expected ? valid++ : invalid++;
        }

        Assert.InRange(valid, 500, 3500);
        Assert.InRange(invalid, 500, 3500);
    }

    [Fact]
    public void The_envelope_matches_the_reference_reader_on_mutations_of_every_sample()
    {
        var random = new Random(20261124);
        var bodies = WebhookSamples.All.Select(WebhookEventSerializer.SerializeToUtf8Bytes).ToArray();
        var accepted = 0;
        var rejected = 0;
        for (var i = 0; i < 6000; i++)
        {
            var body = bodies[random.Next(bodies.Length)];
            for (var m = random.Next(4); m > 0; m--)
            {
                body = MutateBytes(body, random);
            }

            var expectedOk = ReferenceEnvelopeReader.TryRead(body, out var expected, out var expectedReason);
            var actualOk = WebhookEnvelope.TryRead(body, out var actual, out var actualReason);

            var text = Encoding.UTF8.GetString(body);
            Assert.True(expectedOk == actualOk, $"verdicts differ (reference: {expectedOk} {expectedReason}, scanner: {actualReason}) on: {text}");
            if (expectedOk)
            {
                Assert.Equal(expected!.EventId, actual.EventId);
                Assert.Equal(expected.EventType, actual.EventType);
                Assert.Equal(expected.OccurredAt, actual.OccurredAt);
                Assert.Equal(expected.TenantId, actual.TenantId);
                Assert.Equal(expected.Entity, actual.Entity);
                accepted++;
            }
            else
            {
                Assert.True(expectedReason == actualReason, $"reasons differ (reference: {expectedReason}, scanner: {actualReason}) on: {text}");
                rejected++;
            }
        }

        Assert.InRange(accepted, 500, 5500);
        Assert.InRange(rejected, 500, 5500);
    }

    private static bool ReaderAccepts(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = Utf8JsonScanner.MaxDepth });
            var tokens = 0;
            while (reader.Read())
            {
                tokens++;
            }

            return tokens > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool ScannerAccepts(byte[] json)
    {
        var scanner = new Utf8JsonScanner(json);
        return scanner.TrySkipValue(depth: 0) && scanner.AtEnd();
    }

    private static void WriteValue(StringBuilder builder, Random random, int depthLeft)
    {
        WriteSpace(builder, random);
        var kind = depthLeft <= 1 ? random.Next(2, 8) : random.Next(8);
        switch (kind)
        {
            case 0:
            case 1:
                var (open, close) = kind == 0 ? ('{', '}') : ('[', ']');
                builder.Append(open);
                var count = random.Next(depthLeft > 20 ? 2 : 4);
                for (var i = 0; i < count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    if (kind == 0)
                    {
                        WriteSpace(builder, random);
                        WriteString(builder, random);
                        WriteSpace(builder, random);
                        builder.Append(':');
                    }

                    WriteValue(builder, random, depthLeft - 1);
                }

                WriteSpace(builder, random);
                builder.Append(close);
                break;
            case 2:
            case 3:
                WriteString(builder, random);
                break;
            case 4:
            case 5:
                builder.Append(new[] { "0", "-0", "7", "-12", "3.25", "1e9", "-2.5E-3", "6E+2", "9223372036854775807", "0.000001" }[random.Next(10)]);
                break;
            default:
                builder.Append(new[] { "true", "false", "null" }[random.Next(3)]);
                break;
        }

        WriteSpace(builder, random);
    }

    private static void WriteString(StringBuilder builder, Random random)
    {
        builder.Append('"');
        var parts = new[] { "id", "eventId", "a b", "é", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\uD83D\\uDE00", "\\t", "x", "\u007f" };
        for (var i = random.Next(4); i > 0; i--)
        {
            builder.Append(parts[random.Next(parts.Length)]);
        }

        builder.Append('"');
    }

    private static void WriteSpace(StringBuilder builder, Random random)
    {
        if (random.Next(3) == 0)
        {
            builder.Append(" \t\r\n"[random.Next(4)]);
        }
    }

    private static byte[] MutateBytes(byte[] original, Random random)
    {
        if (original.Length == 0)
        {
            return [(byte)Tricky[random.Next(Tricky.Length)]];
        }

        var at = random.Next(original.Length);
        var insert = (byte)Tricky[random.Next(Tricky.Length)];
        return random.Next(5) switch
        {
            0 => [.. original.AsSpan(0, at), insert, .. original.AsSpan(at + 1)],
            1 => [.. original.AsSpan(0, at), insert, .. original.AsSpan(at)],
            2 => [.. original.AsSpan(0, at), .. original.AsSpan(at + 1)],
            3 => original.AsSpan(0, at).ToArray(),
            _ => [.. original.AsSpan(0, at), .. original.AsSpan(random.Next(original.Length))],
        };
    }
}
