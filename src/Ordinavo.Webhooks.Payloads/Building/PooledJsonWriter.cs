using System;
using System.Buffers;
using System.Text.Json;
using Ordinavo.Webhooks.Contracts.Serialization;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>
/// One reusable <see cref="Utf8JsonWriter"/> per thread, so that writing a body allocates nothing beyond the envelope.
/// After use the writer is pointed at <see cref="Detached"/>, so it never keeps a caller's buffer alive.
/// </summary>
internal static class PooledJsonWriter
{
    // The contract's body settings: text outside ASCII as UTF-8 bytes (see WebhookJsonWire).
    private static readonly JsonWriterOptions Options = WebhookJsonWire.CompactWriterOptions;

    [ThreadStatic]
    private static Utf8JsonWriter? cached;

    /// <summary>Takes the thread's writer (or a new one, when it is in use) pointed at <paramref name="destination"/>.</summary>
    public static Utf8JsonWriter Rent(IBufferWriter<byte> destination)
    {
        var writer = cached;
        if (writer is null)
        {
            return new Utf8JsonWriter(destination, Options);
        }

        cached = null;
        writer.Reset(destination);
        return writer;
    }

    /// <summary>Flushes nothing, detaches the writer from the caller's buffer and keeps it for the next call.</summary>
    public static void Return(Utf8JsonWriter writer)
    {
        writer.Reset(Detached.Instance);
        cached = writer;
    }

    /// <summary>A buffer writer that is never written to: the parking place of an idle writer.</summary>
    private sealed class Detached : IBufferWriter<byte>
    {
        public static readonly Detached Instance = new();

        public void Advance(int count) => throw new InvalidOperationException("An idle JSON writer was used.");

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException("An idle JSON writer was used.");

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException("An idle JSON writer was used.");
    }
}
