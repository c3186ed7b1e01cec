using System.Net;
using Monitor.Alerts;

namespace Monitor.Tests.Alerts;

public class WebhookTargetsTests
{
    [Theory]
    [InlineData("93.184.216.34", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.15.255.255", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("::ffff:93.184.216.34", true)]
    [InlineData("127.0.0.1", false)]           // loopback
    [InlineData("127.255.255.254", false)]
    [InlineData("10.0.0.1", false)]            // private
    [InlineData("10.255.255.255", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("100.64.0.1", false)]          // shared (CGNAT)
    [InlineData("100.127.255.255", false)]
    [InlineData("169.254.169.254", false)]     // link-local: cloud metadata
    [InlineData("169.254.0.1", false)]
    [InlineData("0.0.0.0", false)]             // unspecified
    [InlineData("224.0.0.1", false)]           // multicast
    [InlineData("255.255.255.255", false)]     // broadcast (reserved)
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]             // link-local
    [InlineData("fc00::1", false)]             // unique-local
    [InlineData("fd12:3456:789a::1", false)]
    [InlineData("ff02::1", false)]             // multicast
    [InlineData("::ffff:127.0.0.1", false)]    // IPv4-mapped
    [InlineData("::ffff:10.1.2.3", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]  // NAT64 (well-known prefix) of 169.254.169.254
    [InlineData("64:ff9b::a00:1", false)]      // of 10.0.0.1
    [InlineData("64:ff9b::5db8:d822", true)]   // of 93.184.216.34: a public host reached from an IPv6-only network
    [InlineData("64:ff9b:1::a00:1", false)]    // local-use NAT64: embedding not known
    public void Only_public_addresses_are_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("hooks.example.org", "10.0.0.8", false)]
    [InlineData("hooks.example.org", "93.184.216.34", true)]
    [InlineData("receiver.internal", "10.0.0.8", true)]     // allowed by name
    [InlineData("RECEIVER.internal", "10.0.0.8", true)]
    [InlineData("other.internal", "10.20.1.2", true)]       // allowed by network
    [InlineData("other.internal", "::ffff:10.20.1.2", true)]
    [InlineData("other.internal", "10.21.1.2", false)]
    [InlineData("other.internal", "192.168.1.7", true)]     // allowed as one address
    [InlineData("other.internal", "192.168.1.8", false)]
    [InlineData("other.internal", "fd00::5", true)]
    [InlineData("other.internal", "169.254.169.254", false)]
    public void The_allow_list_names_hosts_networks_or_addresses(string host, string address, bool allowed)
    {
        var targets = new WebhookTargets(false, ["receiver.internal", "10.20.0.0/16", "192.168.1.7", "fd00::/8"]);

        Assert.Equal(allowed, targets.Allows(host, IPAddress.Parse(address)));
    }

    [Fact]
    public void Allowing_private_networks_allows_every_address() =>
        Assert.True(new WebhookTargets(true, []).Allows("metadata", IPAddress.Parse("169.254.169.254")));
}
