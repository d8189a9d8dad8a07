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
    private static readonly IpNetwork[] Restricted =
    [
        IpNetwork.Parse("0.0.0.0/8"),         // "this network", unspecified
        IpNetwork.Parse("10.0.0.0/8"),        // private
        IpNetwork.Parse("100.64.0.0/10"),     // shared address space (CGNAT; also some cloud metadata services)
        IpNetwork.Parse("127.0.0.0/8"),       // loopback
        IpNetwork.Parse("169.254.0.0/16"),    // link-local, cloud metadata 169.254.169.254
        IpNetwork.Parse("172.16.0.0/12"),     // private
        IpNetwork.Parse("192.0.0.0/24"),      // IETF protocol assignments
        IpNetwork.Parse("192.168.0.0/16"),    // private
        IpNetwork.Parse("198.18.0.0/15"),     // benchmarking
        IpNetwork.Parse("224.0.0.0/4"),       // multicast
        IpNetwork.Parse("240.0.0.0/4"),       // reserved, broadcast
        IpNetwork.Parse("::/128"),            // unspecified
        IpNetwork.Parse("::1/128"),           // loopback
        IpNetwork.Parse("fc00::/7"),          // unique local (includes the EC2 metadata address fd00:ec2::254)
        IpNetwork.Parse("fe80::/10"),         // link-local
        IpNetwork.Parse("fec0::/10"),         // site-local (deprecated)
        IpNetwork.Parse("ff00::/8"),          // multicast
        IpNetwork.Parse("100::/64"),          // discard-only
    ];

    private readonly List<IpNetwork> _allowedNetworks;
    private readonly HashSet<string> _allowedHosts;

    private DestinationPolicy(List<IpNetwork> networks, HashSet<string> hosts)
    {
        _allowedNetworks = networks;
        _allowedHosts = hosts;
    }

    public static DestinationPolicy Create(IEnumerable<string> allowed) =>
        TryCreate(allowed, out var policy, out var error) ? policy : throw new ArgumentException(error, nameof(allowed));

    public static bool TryCreate(IEnumerable<string> allowed, [NotNullWhen(true)] out DestinationPolicy? policy, [NotNullWhen(false)] out string? error)
    {
        var networks = new List<IpNetwork>();
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in allowed)
        {
            var entry = raw?.Trim();
            if (string.IsNullOrEmpty(entry))
            {
                continue;
            }

            if (IpNetwork.TryParse(entry, out var network))
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

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            // NAT64 (64:ff9b::/96) and IPv4-compatible addresses embed an IPv4 address: judge that one.
            if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && IsZero(bytes, 4, 8))
            {
                return IsRestricted(new IPAddress(bytes.AsSpan(12, 4)));
            }
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

    private static bool IsZero(byte[] bytes, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (bytes[i] != 0)
            {
                return false;
            }
        }

        return true;
    }
}
