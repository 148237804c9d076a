using System.Net;
using System.Net.Sockets;

namespace Monitor.Tests.Shared;

/// <summary>A free TCP port on 127.0.0.1 for a server a test starts (the OS picks it; it is released at once).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
