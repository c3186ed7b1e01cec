namespace Monitor.Status;

public enum ChannelStatus
{
    Unknown,
    Active,
    Strained,
    Pending,
    Suspended,
}
