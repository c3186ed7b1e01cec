using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Alerts;

/// <summary>
/// One alert: what it is about and why. Closed (a private constructor): one case per kind, each carrying only what
/// that kind has, so no alert holds fields its kind cannot have; code that reads alerts switches on the case.
/// Subscribers receive it in the one JSON shape of the public contract, made apart from these cases.
/// </summary>
public abstract record Alert
{
    private Alert() { }

    /// <summary>Derived from the cause (<see cref="AlertId"/>), the same on every run.</summary>
    public abstract Guid Id { get; init; }

    public abstract AlertKind Kind { get; }

    /// <summary>The channel it is about; none for the digest, which is about every channel.</summary>
    public abstract string? OnChannel { get; }

    /// <summary>A channel's current status changed; retroactive when the change was not a plain append to its timeline.</summary>
    public sealed record StatusChanged(
        Guid Id, string Channel, ChannelStatus From, ChannelStatus To, bool Retroactive, AlertDevelopment Development) : Alert
    {
        public override AlertKind Kind => AlertKind.StatusChanged;
        public override string OnChannel => Channel;
    }

    /// <summary>
    /// A late or corrected report rewrote a channel's past under its unchanged current <paramref name="Status"/>:
    /// retroactive by nature, as only a write that is not a plain append can rewrite the past.
    /// </summary>
    public sealed record HistoryRevised(Guid Id, string Channel, ChannelStatus Status, AlertDevelopment Development) : Alert
    {
        public override AlertKind Kind => AlertKind.HistoryRevised;
        public override string OnChannel => Channel;
    }

    /// <summary>No development on a channel for <paramref name="Days"/> days since <paramref name="Since"/>; it is <paramref name="Status"/>.</summary>
    /// <param name="Development">The channel's latest development (absent in some raised by early versions, which could miss it).</param>
    public sealed record QuietChannel(
        Guid Id, string Channel, ChannelStatus Status, Period Since, int Days, AlertDevelopment? Development) : Alert
    {
        public override AlertKind Kind => AlertKind.QuietChannel;
        public override string OnChannel => Channel;
    }

    /// <summary>A channel pending since <paramref name="Since"/>, for <paramref name="Days"/> days, with no contact held.</summary>
    /// <param name="Development">The development that made it pending (absent in some raised by early versions).</param>
    public sealed record PendingOverdue(Guid Id, string Channel, Period Since, int Days, AlertDevelopment? Development) : Alert
    {
        public override AlertKind Kind => AlertKind.PendingOverdue;
        public override string OnChannel => Channel;
    }

    /// <summary>The daily summary of <paramref name="Day"/>: every channel's status.</summary>
    public sealed record Digest(Guid Id, DateOnly Day, IReadOnlyList<ChannelState> Channels) : Alert
    {
        public override AlertKind Kind => AlertKind.Digest;
        public override string? OnChannel => null;
    }
}

/// <summary>A channel's status in a digest.</summary>
public sealed record ChannelState(string Channel, ChannelStatus Status, Period? Since);
