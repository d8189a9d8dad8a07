using System.Text;
using static Ordinavo.Webhooks.Signing.Tests.Verification.VerifierFixture;

namespace Ordinavo.Webhooks.Signing.Tests.Verification;

/// <summary>The verifier never throws, whatever the headers and body: random and mutated input with a fixed seed.</summary>
public sealed class VerifierFuzzTests
{
    private const string Alphabet = "abcdefABCDEF0123456789=,;: \t.-_+/Zvsh\r\n\0é🔑";

    [Fact]
    public void Random_and_mutated_headers_and_bodies_never_throw_and_never_verify_a_tampered_request()
    {
        var random = new Random(20260618);
        var verifier = Verifier(Old, New);
        var signed = Sign(Old, New);
        var valid = Headers(signed);
        var names = valid.Keys.ToArray();
        var validCount = 0;

        for (var i = 0; i < 4000; i++)
        {
            var headers = new Dictionary<string, string>(valid, StringComparer.OrdinalIgnoreCase);
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                var name = names[random.Next(names.Length)];
                switch (random.Next(6))
                {
                    case 0:
                        headers.Remove(name);
                        break;
                    case 1:
                        headers[name] = RandomText(random, random.Next(0, 200));
                        break;
                    case 2 when headers.TryGetValue(name, out var value) && value.Length > 0:
                        var chars = value.ToCharArray();
                        chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
                        headers[name] = new string(chars);
                        break;
                    case 3 when headers.TryGetValue(name, out var value):
                        headers[name] = value[..random.Next(value.Length + 1)];
                        break;
                    case 4 when headers.TryGetValue(name, out var value):
                        headers[name] = value + RandomText(random, random.Next(1, 20));
                        break;
                    default:
                        headers[name] = RandomText(random, random.Next(0, 5000));
                        break;
                }
            }

            var body = random.Next(4) == 0 ? RandomBytes(random, random.Next(0, 3000)) : Body;
            var reader = new DictionaryHeaderReader(headers);

            var result = verifier.Verify(reader, body);
            var direct = verifier.Verify(headers.GetValueOrDefault("X-Ordinavo-Event-Id"), headers.GetValueOrDefault("X-Ordinavo-Timestamp"),
                headers.GetValueOrDefault("X-Ordinavo-Signature"), body);
            var standard = verifier.VerifyStandardWebhooks(headers.GetValueOrDefault("webhook-id"), headers.GetValueOrDefault("webhook-timestamp"),
                headers.GetValueOrDefault("webhook-signature"), body);

            foreach (var r in new[] { result, direct, standard })
            {
                Assert.True(Enum.IsDefined(r.Status));
                if (r.IsValid)
                {
                    validCount++;
                    // A request only verifies if the signed parts are the original ones.
                    Assert.Equal(Body, body);
                    Assert.Equal(EventId, r.EventId);
                    Assert.Equal(Now, r.Timestamp);
                }
                else
                {
                    Assert.Equal(-1, r.MatchedSecretIndex);
                }
            }
        }

        // The mutations leave some requests intact (e.g. white space appended), so both outcomes were exercised.
        Assert.InRange(validCount, 1, 3 * 4000 - 1);
    }

    [Fact]
    public void Entirely_random_header_values_never_throw()
    {
        var random = new Random(4);
        var verifier = Verifier(Old);

        for (var i = 0; i < 3000; i++)
        {
            var body = RandomBytes(random, random.Next(0, 512));
            var a = verifier.Verify(RandomText(random, random.Next(0, 40)), RandomText(random, random.Next(0, 30)), RandomText(random, random.Next(0, 300)), body);
            var b = verifier.VerifyStandardWebhooks(RandomText(random, random.Next(0, 40)), RandomText(random, random.Next(0, 15)), RandomText(random, random.Next(0, 300)), body);

            Assert.False(a.IsValid);
            Assert.False(b.IsValid);
        }
    }

    private static string RandomText(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(random.Next(5) == 0 ? (char)random.Next(0, 0xD800) : Alphabet[random.Next(Alphabet.Length)]);
        }

        return sb.ToString();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
