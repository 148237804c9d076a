using System.Net;
using System.Net.Sockets;

namespace Monitor.Worker.Fetching;

/// <summary>
/// Which resolved addresses the SSRF guard refuses: anything that is not a public unicast address. Checked on the address
/// actually connected to, so redirects and DNS rebinding cannot route around it.
/// </summary>
public static class AddressPolicy
{
    /// <summary>Null when the address is public; otherwise why it is refused ("loopback", "private 10.0.0.0/8", ...).</summary>
    public static string? WhyBlocked(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => WhyBlockedV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => WhyBlockedV6(address),
            _ => "not an IP address",
        };
    }

    private static string? WhyBlockedV4(byte[] b) => b switch
    {
        [0, ..] => "unspecified 0.0.0.0/8",
        [127, ..] => "loopback 127.0.0.0/8",
        [10, ..] => "private 10.0.0.0/8",
        [172, >= 16 and <= 31, ..] => "private 172.16.0.0/12",
        [192, 168, ..] => "private 192.168.0.0/16",
        [169, 254, ..] => "link-local 169.254.0.0/16",
        [100, >= 64 and <= 127, ..] => "carrier-grade NAT 100.64.0.0/10",
        [192, 0, 0, _] => "IETF protocol assignments 192.0.0.0/24",
        [198, 18 or 19, ..] => "benchmarking 198.18.0.0/15",
        [>= 224 and <= 239, ..] => "multicast 224.0.0.0/4",
        [>= 240, ..] => "reserved 240.0.0.0/4",
        _ => null,
    };

    private static string? WhyBlockedV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "loopback ::1";
        }
        if (address.Equals(IPAddress.IPv6None))
        {
            return "unspecified ::";
        }
        var b = address.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC)
        {
            return "unique-local fc00::/7";
        }
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "link-local fe80::/10";
        }
        if (address.IsIPv6Multicast)
        {
            return "multicast ff00::/8";
        }
        if (address.IsIPv6Teredo || (b[0] == 0x20 && b[1] == 0x02))
        {
            // Teredo and 6to4 embed an IPv4 address the guard cannot vouch for.
            return "IPv4 tunnel prefix";
        }
        // NAT64 (64:ff9b::/96) embeds an IPv4 address: judge the embedded one.
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return WhyBlockedV4(b[12..]);
        }
        return null;
    }
}
