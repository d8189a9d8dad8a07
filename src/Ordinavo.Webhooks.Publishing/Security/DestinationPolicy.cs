using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Which destination addresses outbound attempts may connect to: public addresses always; loopback, private,
/// link-local, multicast, unspecified, shared (CGNAT), reserved and cloud metadata addresses only when allow-listed.
/// </summary>
internal sealed class DestinationPolicy
{
    private static readonly IPNetwork[] Restricted =
    [
        IPNetwork.Parse("0.0.0.0/8"),         // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),        // private
        IPNetwork.Parse("100.64.0.0/10"),     // shared address space (CGNAT; also some cloud metadata services)
        IPNetwork.Parse("127.0.0.0/8"),       // loopback
        IPNetwork.Parse("169.254.0.0/16"),    // link-local, cloud metadata 169.254.169.254
        IPNetwork.Parse("172.16.0.0/12"),     // private
        IPNetwork.Parse("192.0.0.0/24"),      // IETF protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),    // private
        IPNetwork.Parse("198.18.0.0/15"),     // benchmarking
        IPNetwork.Parse("224.0.0.0/4"),       // multicast
        IPNetwork.Parse("240.0.0.0/4"),       // reserved, broadcast
        IPNetwork.Parse("::/128"),            // unspecified
        IPNetwork.Parse("::1/128"),           // loopback
        IPNetwork.Parse("fc00::/7"),          // unique local (includes the EC2 metadata address fd00:ec2::254)
        IPNetwork.Parse("fe80::/10"),         // link-local
        IPNetwork.Parse("fec0::/10"),         // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),          // multicast
        IPNetwork.Parse("100::/64"),          // discard-only
    ];

    // NAT64 (RFC 6052 well-known prefix): the last 32 bits are an IPv4 address, judged as that address.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly List<IPNetwork> _allowedNetworks;
    private readonly HashSet<string> _allowedHosts;

    private DestinationPolicy(List<IPNetwork> networks, HashSet<string> hosts)
    {
        _allowedNetworks = networks;
        _allowedHosts = hosts;
    }

    public static DestinationPolicy Create(IEnumerable<string> allowed) =>
        TryCreate(allowed, out var policy, out var error) ? policy : throw new ArgumentException(error, nameof(allowed));

    public static bool TryCreate(IEnumerable<string> allowed, [NotNullWhen(true)] out DestinationPolicy? policy, [NotNullWhen(false)] out string? error)
    {
        var networks = new List<IPNetwork>();
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in allowed)
        {
            var entry = raw?.Trim();
            if (string.IsNullOrEmpty(entry))
            {
                continue;
            }

            if (TryParseNetwork(entry, out var network))
            {
                networks.Add(network);
            }
            else if (Uri.CheckHostName(entry) == UriHostNameType.Dns)
            {
                hosts.Add(entry.TrimEnd('.'));
            }
            else
            {
                policy = null;
                error = $"AllowedDestinations entry '{entry}' is neither an IP address, a CIDR range nor a host name.";
                return false;
            }
        }

        policy = new DestinationPolicy(networks, hosts);
        error = null;
        return true;
    }

    /// <summary>Whether <paramref name="host"/> (a name from the URL) is allow-listed as a whole.</summary>
    public bool IsHostAllowed(string host) => _allowedHosts.Contains(host.TrimEnd('.'));

    /// <summary>Whether a connection to <paramref name="address"/> is allowed (public, or allow-listed).</summary>
    public bool IsAddressAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _allowedNetworks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return !IsRestricted(address);
    }

    /// <summary>Whether <paramref name="address"/> is in a range that is refused unless allow-listed.</summary>
    public static bool IsRestricted(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (Nat64.Contains(address))
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            return IsRestricted(new IPAddress(bytes[12..]));
        }

        foreach (var network in Restricted)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An allow-list entry as an IP range: CIDR notation as <see cref="IPNetwork.TryParse(string?, out IPNetwork)"/> reads
    /// it (host bits after the prefix are cleared: <c>10.1.2.3/8</c> is <c>10.0.0.0/8</c>), or a single address, which is
    /// the range of that address alone (<c>/32</c> or <c>/128</c>).
    /// </summary>
    private static bool TryParseNetwork(string entry, out IPNetwork network)
    {
        if (IPNetwork.TryParse(entry, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return false;
    }
}
