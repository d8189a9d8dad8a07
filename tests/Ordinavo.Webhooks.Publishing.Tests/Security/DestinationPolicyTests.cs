using System.Net;

namespace Ordinavo.Webhooks.Publishing.Tests.Security;

public sealed class DestinationPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.1")]
    [InlineData("192.168.1.20")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.1.1")]
    [InlineData("100.100.100.200")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.251")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fc00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a00:1")]
    public void Private_loopback_link_local_multicast_unspecified_and_metadata_addresses_are_refused(string address)
    {
        var policy = DestinationPolicy.Create([]);
        Assert.False(policy.IsAddressAllowed(IPAddress.Parse(address)));
        Assert.True(DestinationPolicy.IsRestricted(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("93.184.216.34")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("64:ff9b::808:808")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(DestinationPolicy.Create([]).IsAddressAllowed(IPAddress.Parse(address)));

    [Fact]
    public void Allow_listed_ranges_addresses_and_hosts_are_allowed()
    {
        var policy = DestinationPolicy.Create(["10.20.0.0/16", "127.0.0.1", "::1/128", "erp.internal"]);
        Assert.True(policy.IsAddressAllowed(IPAddress.Parse("10.20.30.40")));
        Assert.False(policy.IsAddressAllowed(IPAddress.Parse("10.21.0.1")));
        Assert.True(policy.IsAddressAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.False(policy.IsAddressAllowed(IPAddress.Parse("127.0.0.2")));
        Assert.True(policy.IsAddressAllowed(IPAddress.Parse("::1")));
        Assert.True(policy.IsHostAllowed("ERP.internal"));
        Assert.False(policy.IsHostAllowed("erp.internal.evil.example"));
    }

    [Fact]
    public void A_range_with_host_bits_set_means_the_whole_range_and_a_mapped_address_is_judged_as_ipv4()
    {
        var policy = DestinationPolicy.Create(["10.1.2.3/8", "fd12:3456::1/48"]);
        Assert.True(policy.IsAddressAllowed(IPAddress.Parse("10.200.0.1")));
        Assert.True(policy.IsAddressAllowed(IPAddress.Parse("::ffff:10.200.0.1")));
        Assert.True(policy.IsAddressAllowed(IPAddress.Parse("fd12:3456:0:1::9")));
        Assert.False(policy.IsAddressAllowed(IPAddress.Parse("fd12:3457::1")));
        Assert.False(policy.IsAddressAllowed(IPAddress.Parse("192.168.0.1")));
    }

    [Fact]
    public void A_nat64_address_stays_refused_when_only_the_ipv4_range_it_carries_is_allow_listed()
    {
        // The allow-list names what may be connected to; the NAT64 form of an allowed IPv4 address is another destination.
        var policy = DestinationPolicy.Create(["10.0.0.0/8"]);
        Assert.True(policy.IsAddressAllowed(IPAddress.Parse("10.0.0.1")));
        Assert.False(policy.IsAddressAllowed(IPAddress.Parse("64:ff9b::a00:1")));
    }

    [Theory]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("fe80::/129")]
    [InlineData("10.0.0.0/33")]
    [InlineData("not a host!")]
    [InlineData("10.0.0.0/x")]
    public void Malformed_allow_list_entries_are_rejected(string entry)
    {
        Assert.False(DestinationPolicy.TryCreate([entry], out _, out var error));
        Assert.Contains(entry, error);
    }
}
