using System.Collections.Concurrent;
using System.Numerics;

namespace Ordinavo.Webhooks.Contracts.Tests.Identifiers;

[Collection(UlidCollection.Name)]
public class UlidTests
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void Text_form_decodes_the_timestamp_of_the_contract_example()
    {
        var ulid = Ulid.Parse("01JZ8A2MT8G7C3Y7V0WQ1M9B3C");

        Assert.Equal(1751551923016, ulid.UnixMilliseconds);
        Assert.Equal(DateTimeOffset.Parse("2025-07-03T14:12:03.016Z", System.Globalization.CultureInfo.InvariantCulture), ulid.Time);
        Assert.Equal("01JZ8A2MT8G7C3Y7V0WQ1M9B3C", ulid.ToString());
    }

    [Theory]
    [InlineData("00000000000000000000000000")]
    [InlineData("7ZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    [InlineData("01KV51Z1D091N47JTP1MZBA2Y0")]
    [InlineData("0123456789ABCDEFGHJKMNPQRS")]
    public void Text_round_trips_and_matches_an_independent_base32_decoding(string text)
    {
        var ulid = Ulid.Parse(text);

        Assert.Equal(text, ulid.ToString());
        Assert.Equal((long)(Decode(text) >> 80), ulid.UnixMilliseconds);
    }

    [Fact]
    public void Lower_case_decodes_to_the_same_value_and_prints_upper_case()
    {
        Assert.Equal(Ulid.Parse("01JZ8A2MT8G7C3Y7V0WQ1M9B3C"), Ulid.Parse("01jz8a2mt8g7c3y7v0wq1m9b3c"));
        Assert.Equal("01JZ8A2MT8G7C3Y7V0WQ1M9B3C", Ulid.Parse("01jz8a2mt8g7c3y7v0wq1m9b3c").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("01JZ8A2MT8G7C3Y7V0WQ1M9B3")]
    [InlineData("01JZ8A2MT8G7C3Y7V0WQ1M9B3CC")]
    [InlineData("01JZ8A2MT8G7C3Y7V0WQ1M9B3I")] // I, L, O, U are not Crockford digits
    [InlineData("01JZ8A2MT8G7C3Y7V0WQ1M9B3L")]
    [InlineData("01JZ8A2MT8G7C3Y7V0WQ1M9B3O")]
    [InlineData("01JZ8A2MT8G7C3Y7V0WQ1M9B3U")]
    [InlineData("01JZ8A2MT8G7C3Y7V0WQ1M9B3-")]
    [InlineData("01JZ8A2MT8G7C3Y7V0WQ1M9B3é")]
    [InlineData("80000000000000000000000000")] // more than 128 bits
    public void Malformed_text_is_rejected(string text)
    {
        Assert.False(Ulid.TryParse(text, out var ulid));
        Assert.Equal(default, ulid);
        Assert.False(Ulid.TryParse(text.AsSpan(), out _));
        Assert.Throws<FormatException>(() => Ulid.Parse(text));
    }

    [Fact]
    public void Null_is_rejected()
    {
        Assert.False(Ulid.TryParse((string?)null, out _));
        Assert.Throws<FormatException>(() => Ulid.Parse(null!));
    }

    [Fact]
    public void Order_is_the_order_of_the_text_and_of_the_128_bit_value()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 500)
            .Select(_ => new string(Enumerable.Range(0, 26).Select(i => Crockford[random.Next(i == 0 ? 8 : 32)]).ToArray()))
            .Select(Ulid.Parse)
            .ToArray();

        var byUlid = values.Order().Select(u => u.ToString()).ToArray();

        Assert.Equal(values.Select(u => u.ToString()).Order(StringComparer.Ordinal), byUlid);
        Assert.Equal(values.Select(u => Decode(u.ToString())).Order().Select(Encode), byUlid);
        var (a, b) = (Ulid.Parse(byUlid[0]), Ulid.Parse(byUlid[1]));
        Assert.True(a < b && a <= b && b > a && b >= a && a != b && !(a == b));
        Assert.Equal(a, Ulid.Parse(byUlid[0]));
        Assert.Equal(a.GetHashCode(), Ulid.Parse(byUlid[0]).GetHashCode());
    }

    [Fact]
    public void Within_one_millisecond_each_new_value_is_the_previous_one_plus_one()
    {
        var now = DateTimeOffset.UtcNow;
        var values = Enumerable.Range(0, 1000).Select(_ => Ulid.NewUlid(now)).ToArray();

        for (var i = 1; i < values.Length; i++)
        {
            Assert.Equal(Decode(values[i - 1].ToString()) + 1, Decode(values[i].ToString()));
        }

        Assert.All(values, v => Assert.True(v.UnixMilliseconds >= now.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void A_clock_that_goes_back_still_gives_increasing_values()
    {
        var now = DateTimeOffset.UtcNow;
        var first = Ulid.NewUlid(now);

        var earlier = Ulid.NewUlid(now.AddSeconds(-5));

        Assert.True(earlier > first);
    }

    [Fact]
    public void A_later_millisecond_starts_a_new_random_value_with_that_time()
    {
        var now = DateTimeOffset.UtcNow;
        var later = now.AddMilliseconds(3);
        Ulid.NewUlid(now);

        var next = Ulid.NewUlid(later);

        Assert.Equal(later.ToUnixTimeMilliseconds(), next.UnixMilliseconds);
    }

    [Fact]
    public void Each_new_millisecond_gets_fresh_randomness_across_several_refills_of_the_random_buffer()
    {
        // 500 new milliseconds use ten blocks of the buffered CSPRNG output: every random part must be new and not zero.
        var start = DateTimeOffset.UtcNow.AddMilliseconds(1);
        var randomParts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 500; i++)
        {
            var text = Ulid.NewUlid(start.AddMilliseconds(i)).ToString();
            var random = text[10..];
            Assert.NotEqual(new string('0', 16), random);
            Assert.True(randomParts.Add(random), $"random part repeated after {i} values");
        }

        // Not merely distinct: across 500 values every one of the 32 symbols shows up in the random parts.
        Assert.Equal(32, randomParts.SelectMany(r => r).Distinct().Count());

        // Leave the process-wide "last ULID" behind the clock again, for the other tests of this collection.
        SpinWait.SpinUntil(() => DateTimeOffset.UtcNow > start.AddMilliseconds(501));
    }

    [Fact]
    public void Times_a_ulid_cannot_hold_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ulid.NewUlid(new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void Concurrent_generation_gives_unique_values_strictly_increasing_per_thread()
    {
        const int threads = 4;
        const int perThread = 25_000;
        var results = new ConcurrentBag<Ulid[]>();
        using var start = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            var mine = new Ulid[perThread];
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                mine[i] = Ulid.NewUlid();
            }

            results.Add(mine);
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        Assert.Equal(threads, results.Count);
        foreach (var mine in results)
        {
            for (var i = 1; i < mine.Length; i++)
            {
                Assert.True(mine[i - 1] < mine[i], $"Not increasing at {i}: {mine[i - 1]} then {mine[i]}");
            }
        }

        var all = results.SelectMany(r => r).ToArray();
        Assert.Equal(threads * perThread, all.Distinct().Count());
        Assert.Equal(threads * perThread, all.Select(u => u.ToString()).Distinct(StringComparer.Ordinal).Count());
    }

    private static BigInteger Decode(string text)
    {
        var value = BigInteger.Zero;
        foreach (var c in text.ToUpperInvariant())
        {
            value = (value * 32) + Crockford.IndexOf(c, StringComparison.Ordinal);
        }

        return value;
    }

    private static string Encode(BigInteger value)
    {
        var chars = new char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Crockford[(int)(value % 32)];
            value /= 32;
        }

        return new string(chars);
    }
}
