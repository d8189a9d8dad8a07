using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> that checks destinations at connect time: the host name is
/// resolved here, every resolved address is checked, and the socket connects to a checked address (so a DNS answer
/// that changes between check and connect, DNS rebinding, cannot slip through).
/// </summary>
internal sealed class GuardedConnector(DestinationPolicy policy, Func<string, CancellationToken, ValueTask<IPAddress[]>>? resolver = null)
{
    private readonly Func<string, CancellationToken, ValueTask<IPAddress[]>> _resolve =
        resolver ?? (async (host, ct) => await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false));

    /// <summary>Creates the primary handler of the publisher's HTTP client.</summary>
    public static SocketsHttpHandler CreateHandler(DestinationPolicy policy) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = new GuardedConnector(policy).ConnectAsync,
    };

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var hostAllowed = policy.IsHostAllowed(host);

        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            addresses = await _resolve(host, cancellationToken).ConfigureAwait(false);
        }

        if (addresses.Length == 0)
        {
            throw new DestinationRefusedException("The destination host has no address.");
        }

        if (!hostAllowed)
        {
            foreach (var address in addresses)
            {
                if (!policy.IsAddressAllowed(address))
                {
                    throw new DestinationRefusedException(
                        "The destination resolves to an address that is not allowed (loopback, private, link-local, multicast, unspecified or metadata); allow-list it in AllowedDestinations.");
                }
            }
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostUnreachable);
    }
}
