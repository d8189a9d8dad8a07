using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>An IP range in CIDR notation.</summary>
internal readonly struct IpNetwork
{
    private readonly byte[] _prefix;

    private IpNetwork(byte[] prefix, int prefixLength, AddressFamily family)
    {
        _prefix = prefix;
        PrefixLength = prefixLength;
        Family = family;
    }

    public int PrefixLength { get; }

    public AddressFamily Family { get; }

    public static IpNetwork Parse(string text) =>
        TryParse(text, out var network) ? network : throw new FormatException($"'{text}' is not an IP address or CIDR range.");

    public static bool TryParse(string? text, [NotNullWhen(true)] out IpNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var maxLength = bytes.Length * 8;
        var length = maxLength;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > maxLength))
        {
            return false;
        }

        network = new IpNetwork(bytes, length, address.AddressFamily);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Family)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var remaining = PrefixLength;
        for (var i = 0; i < bytes.Length && remaining > 0; i++)
        {
            var bits = Math.Min(8, remaining);
            var mask = (byte)(0xFF << (8 - bits));
            if ((bytes[i] & mask) != (_prefix[i] & mask))
            {
                return false;
            }

            remaining -= bits;
        }

        return true;
    }
}
