namespace Monitor.Alerts;

/// <summary>What an alert is about; subscribers choose the kinds they want.</summary>
public enum AlertKind
{
    /// <summary>A channel's current status changed.</summary>
    StatusChanged,

    /// <summary>A late or corrected report rewrote past status intervals but left the current status alone.</summary>
    HistoryRevised,

    /// <summary>No development for a channel in the configured number of days.</summary>
    QuietChannel,

    /// <summary>A channel has been pending for the configured number of days without contact being held.</summary>
    PendingOverdue,

    /// <summary>The daily summary, by e-mail.</summary>
    Digest,
}
