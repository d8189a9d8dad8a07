using System;
using System.Security.Cryptography;
using System.Threading;

namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// Keyed HMAC-SHA256 states of one key, pooled so that signing and verifying do no key set-up per call and allocate
/// nothing in steady state. Thread-safe: a state is used by one caller at a time; a state whose use failed midway is
/// disposed, never returned.
/// </summary>
internal sealed class HmacPool
{
    private readonly byte[] _key;
    private readonly IncrementalHash?[] _slots;

    public HmacPool(byte[] key)
    {
        _key = key;
        _slots = new IncrementalHash?[Math.Min(Math.Max(Environment.ProcessorCount, 2), 16)];
    }

    public IncrementalHash Rent()
    {
        var slots = _slots;
        for (var i = 0; i < slots.Length; i++)
        {
            var candidate = Volatile.Read(ref slots[i]);
            if (candidate is not null && ReferenceEquals(Interlocked.CompareExchange(ref slots[i], null, candidate), candidate))
            {
                return candidate;
            }
        }

        return IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
    }

    public void Return(IncrementalHash hmac)
    {
        var slots = _slots;
        for (var i = 0; i < slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref slots[i], hmac, null) is null)
            {
                return;
            }
        }

        hmac.Dispose();
    }
}
