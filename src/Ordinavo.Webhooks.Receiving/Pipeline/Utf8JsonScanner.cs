using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// A forward-only validating cursor over UTF-8 JSON (RFC 8259, as <see cref="System.Text.Json.Utf8JsonReader"/> reads it
/// with its default options: no comments, no trailing commas, only space, tab, CR and LF as white space, at most
/// <see cref="MaxDepth"/> nested objects and arrays). It checks the grammar and keeps nothing: a value is skipped in one
/// pass, and a string's contents are searched 16 bytes at a time (<see cref="Vector128{T}"/>; the tail shorter than 16
/// bytes with <see cref="SearchValues{T}"/>) for its end, an escape or a control character. It does not check UTF-8 itself; the caller checks the whole body with
/// <see cref="System.Text.Unicode.Utf8.IsValid(ReadOnlySpan{byte})"/> first.
/// </summary>
internal ref struct Utf8JsonScanner
{
    /// <summary>The deepest nesting accepted (the root object is at depth 1), as the reader's <c>MaxDepth = 32</c>.</summary>
    public const int MaxDepth = 32;

    /// <summary>What ends the plain run of a string: its closing quote, an escape, or a control character (never valid unescaped); for the tail.</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8);

    private static readonly Vector128<byte> Quotes = Vector128.Create((byte)'"');
    private static readonly Vector128<byte> Backslashes = Vector128.Create((byte)'\\');
    private static readonly Vector128<byte> Spaces = Vector128.Create((byte)0x20);

    private readonly ReadOnlySpan<byte> _json;
    private int _position;

    public Utf8JsonScanner(ReadOnlySpan<byte> json)
    {
        _json = json;
        _position = 0;
    }

    /// <summary>Skips white space; <see langword="true"/> when nothing else is left.</summary>
    public bool AtEnd()
    {
        SkipWhiteSpace();
        return _position == _json.Length;
    }

    /// <summary>Skips white space and returns the next byte (not consumed), or -1 at the end.</summary>
    public int Peek()
    {
        SkipWhiteSpace();
        return _position < _json.Length ? _json[_position] : -1;
    }

    /// <summary>Skips white space and consumes <paramref name="expected"/> when it is the next byte.</summary>
    public bool TryConsume(byte expected)
    {
        SkipWhiteSpace();
        if (_position < _json.Length && _json[_position] == expected)
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>
    /// After a member or element: consumes the separator. <see langword="true"/> with <paramref name="more"/> set when a
    /// comma follows (another item must come), or cleared when <paramref name="close"/> ends the container.
    /// </summary>
    public bool TryNext(byte close, out bool more)
    {
        SkipWhiteSpace();
        if (_position < _json.Length)
        {
            var next = _json[_position];
            if (next == (byte)',')
            {
                _position++;
                more = true;
                return true;
            }

            if (next == close)
            {
                _position++;
                more = false;
                return true;
            }
        }

        more = false;
        return false;
    }

    /// <summary>Reads a member name and its colon: the name's raw token (with its quotes) and whether it holds escapes.</summary>
    public bool TryReadName(out ReadOnlySpan<byte> token, out bool escaped) =>
        TryScanString(out token, out escaped) && TryConsume((byte)':');

    /// <summary>Skips white space and scans a string token (with its quotes), noting whether it holds escapes.</summary>
    public bool TryScanString(out ReadOnlySpan<byte> token, out bool escaped)
    {
        token = default;
        escaped = false;
        SkipWhiteSpace();
        var json = _json;
        var start = _position;
        if (start >= json.Length || json[start] != (byte)'"')
        {
            return false;
        }

        var position = start + 1;
        while (true)
        {
            // Sixteen bytes at a time: the first quote, backslash or control character (a search through SearchValues
            // costs more than the typical short string).
            while (position + Vector128<byte>.Count <= json.Length)
            {
                var block = Vector128.Create(json.Slice(position, Vector128<byte>.Count));
                var stops = Vector128.Equals(block, Quotes) | Vector128.Equals(block, Backslashes) | Vector128.LessThan(block, Spaces);
                if (stops != Vector128<byte>.Zero)
                {
                    position += BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
                    goto Found;
                }

                position += Vector128<byte>.Count;
            }

            var stop = json.Slice(position).IndexOfAny(StringStops);
            if (stop < 0)
            {
                return false;
            }

            position += stop;
        Found:
            var current = json[position];
            if (current == (byte)'"')
            {
                position++;
                token = json.Slice(start, position - start);
                _position = position;
                return true;
            }

            if (current != (byte)'\\' || position + 1 >= json.Length)
            {
                return false; // a control character, or an escape cut off
            }

            escaped = true;
            switch (json[position + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    position += 2;
                    break;
                case (byte)'u':
                    if (position + 6 > json.Length
                        || !IsHexDigit(json[position + 2]) || !IsHexDigit(json[position + 3])
                        || !IsHexDigit(json[position + 4]) || !IsHexDigit(json[position + 5]))
                    {
                        return false;
                    }

                    position += 6;
                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// Skips white space and scans a number token: <c>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</c>, which the reader
    /// requires to be followed by the end, white space, <c>,</c>, <c>}</c>, <c>]</c> or <c>/</c>.
    /// </summary>
    public bool TryScanNumber(out ReadOnlySpan<byte> token)
    {
        token = default;
        SkipWhiteSpace();
        var json = _json;
        var start = _position;
        var position = start;
        if (position < json.Length && json[position] == (byte)'-')
        {
            position++;
        }

        if (position >= json.Length)
        {
            return false;
        }

        if (json[position] == (byte)'0')
        {
            position++;
        }
        else if (!TrySkipDigits(json, ref position))
        {
            return false;
        }

        if (position < json.Length && json[position] == (byte)'.')
        {
            position++;
            if (!TrySkipDigits(json, ref position))
            {
                return false;
            }
        }

        if (position < json.Length && (json[position] | 0x20) == (byte)'e')
        {
            position++;
            if (position < json.Length && json[position] is (byte)'+' or (byte)'-')
            {
                position++;
            }

            if (!TrySkipDigits(json, ref position))
            {
                return false;
            }
        }

        if (position < json.Length && json[position] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'/'))
        {
            return false;
        }

        token = json.Slice(start, position - start);
        _position = position;
        return true;
    }

    /// <summary>
    /// Skips white space and one value of any kind, checking it; objects and arrays inside it are at
    /// <paramref name="depth"/> + 1 and deeper.
    /// </summary>
    /// <param name="depth">The depth of the object or array that holds the value.</param>
    public bool TrySkipValue(int depth)
    {
        switch (Peek())
        {
            case '"':
                return TryScanString(out _, out _);
            case '{':
                _position++;
                return TrySkipContainer(depth + 1, (byte)'}');
            case '[':
                _position++;
                return TrySkipContainer(depth + 1, (byte)']');
            case 't':
                return TrySkipLiteral("true"u8);
            case 'f':
                return TrySkipLiteral("false"u8);
            case 'n':
                return TrySkipLiteral("null"u8);
            default:
                return TryScanNumber(out _);
        }
    }

    /// <summary>Skips the literal <paramref name="literal"/> at the current position (white space already skipped).</summary>
    public bool TrySkipLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_json.Slice(_position).StartsWith(literal))
        {
            return false;
        }

        _position += literal.Length;
        return true;
    }

    /// <summary>The rest of an object or array whose opening bracket was consumed; it is at <paramref name="depth"/>.</summary>
    private bool TrySkipContainer(int depth, byte close)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        if (TryConsume(close))
        {
            return true;
        }

        bool more;
        do
        {
            if ((close == (byte)'}' && !TryReadName(out _, out _)) || !TrySkipValue(depth) || !TryNext(close, out more))
            {
                return false;
            }
        }
        while (more);
        return true;
    }

    private void SkipWhiteSpace()
    {
        var json = _json;
        var position = _position;
        while (position < json.Length && json[position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            position++;
        }

        _position = position;
    }

    private static bool TrySkipDigits(ReadOnlySpan<byte> json, ref int position)
    {
        var start = position;
        while (position < json.Length && (uint)(json[position] - '0') <= 9)
        {
            position++;
        }

        return position > start;
    }

    private static bool IsHexDigit(byte value) => char.IsAsciiHexDigit((char)value);
}
