using System.Net;

namespace Monitor.Alerts;

/// <summary>
/// Which addresses webhooks may reach. Public ones always. Loopback, private (RFC 1918), shared (CGNAT),
/// link-local (cloud metadata at 169.254.169.254), multicast, unspecified, reserved and unique-local ones only
/// when private networks are allowed, or when the host name or the address is on the allow-list. An
/// IPv4-mapped IPv6 address counts as the IPv4 address it maps. Pure: what the names resolve to is asked elsewhere.
/// </summary>
public sealed class WebhookTargets
{
    private static readonly IPNetwork[] NotPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16",
            "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
            "64:ff9b:1::/48", // local-use NAT64 (RFC 8215): where the IPv4 address sits depends on the network
        }.Select(IPNetwork.Parse),
    ];

    private readonly bool _allowPrivateNetworks;
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> _networks = [];

    /// <param name="allowedHosts">Host names, addresses, or networks in CIDR notation (10.1.0.0/16).</param>
    public WebhookTargets(bool allowPrivateNetworks, IEnumerable<string> allowedHosts)
    {
        _allowPrivateNetworks = allowPrivateNetworks;
        foreach (var entry in allowedHosts)
        {
            if (IPNetwork.TryParse(entry, out var network)) _networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) _networks.Add(Single(Unmapped(address)));
            else _hosts.Add(entry);
        }
    }

    public static bool IsPublic(IPAddress address)
    {
        var unmapped = Unmapped(address);
        return !NotPublic.Any(network => network.Contains(unmapped));
    }

    /// <summary>Whether a webhook whose URL names <paramref name="host"/> may connect to <paramref name="address"/>.</summary>
    public bool Allows(string host, IPAddress address) =>
        _allowPrivateNetworks || IsPublic(address) || _hosts.Contains(host) || _networks.Any(network => network.Contains(Unmapped(address)));

    /// <summary>Why a webhook's host may not be used, as the subscriber is told.</summary>
    public static string Refusal(string host, IPAddress address) =>
        (IPAddress.TryParse(host, out _) ? $"{host} is" : $"{host} resolves to {address}, which is")
        + " not a public address (loopback, private, link-local, ...). Webhooks reach public addresses only, unless "
        + "Monitor:Alerts:Webhooks:AllowPrivateNetworks is true or Monitor:Alerts:Webhooks:AllowedHosts lists the host or its network.";

    private static IPNetwork Single(IPAddress address) => new(address, address.GetAddressBytes().Length * 8);

    // NAT64's well-known prefix (RFC 6052) carries an IPv4 address in its last 32 bits, which a gateway reaches for it.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private static IPAddress Unmapped(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4()
        : Nat64.Contains(address) ? new IPAddress(address.GetAddressBytes()[12..])
        : address;
}
