using System.Net;
using System.Net.Sockets;

namespace Monitor.Worker.Fetching;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the guarded client: resolves the host itself, refuses the
/// connection when any resolved address is non-public, and connects to the checked address (never re-resolving, so a
/// rebinding DNS server cannot swap the address between check and connect).
/// </summary>
internal static class GuardedConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);

        foreach (var address in addresses)
        {
            if (AddressPolicy.WhyBlocked(address) is { } why)
            {
                throw new SsrfBlockedException($"{host} resolves to {address} ({why}); private addresses are blocked for this source");
            }
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct).ConfigureAwait(false);
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
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
