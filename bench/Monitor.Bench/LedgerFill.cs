using Monitor.EventStore;
using Monitor.Recording;

namespace Monitor.Bench;

/// <summary>Fills the ledger stream with synthetic developments, generating the next batch while the last one commits.</summary>
public static class LedgerFill
{
    public const int BatchSize = 4_096;

    public static async Task FillAsync(IEventStore store, long events, CancellationToken ct)
    {
        var ledger = new SyntheticLedger(events);
        var progress = new Progress("filled", events);
        Task? committing = null;
        long queued = 0;
        while (queued < events)
        {
            ct.ThrowIfCancellationRequested();
            var batch = ledger.Next((int)Math.Min(BatchSize, events - queued));
            if (committing is not null)
            {
                await committing;
                progress.Report(queued);
            }
            committing = store.AppendAsync(Ledger.StreamName, ExpectedRevision.Any, batch, ct);
            queued += batch.Count;
        }
        if (committing is not null) await committing;
        progress.Report(queued);
    }
}
