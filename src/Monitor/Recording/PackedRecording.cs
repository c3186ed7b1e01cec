namespace Monitor.Recording;

/// <summary>
/// A recorded development as the read models take it in from the log (<see cref="LedgerCodec.DecodeRecorded"/>): its facts
/// packed already into the development list's texts, and the hashes of their duplicate keys, both on the thread that
/// reads ahead, so the thread that applies only files them.
/// </summary>
public sealed record PackedRecording(Guid DevelopmentId, PackedFacts Facts, bool Seeded, ulong[] Keys);
