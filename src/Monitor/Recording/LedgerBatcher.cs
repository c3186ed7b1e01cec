using System.Diagnostics;
using System.Threading.Channels;
using Monitor.EventStore;
using Monitor.Projections;

namespace Monitor.Recording;

/// <summary>
/// Decides ledger commands in batches and commits each batch in one append: writers that arrive together share one
/// pass over the read model, one expected revision and one commit. Every command of a batch is decided against the
/// same read model, so one whose answer could turn on another's (the same development, or facts that concern each
/// other: <see cref="DuplicateRule.MayConcern"/>) waits for the next batch, decided once this one is applied. Each
/// answer is therefore the one a one-at-a-time writer would give, and of racing duplicates exactly one is recorded.
/// The next batch is decided as soon as one is appended, while the read model is still catching up with it; until it
/// shows, that batch's writes hold back what could turn on them just as a batch's own do.
/// </summary>
public sealed class LedgerBatcher : IAsyncDisposable
{
    public const int MaxBatch = 256;
    private static readonly TimeSpan Patience = DecidingWriter.Patience;

    private readonly Channel<Command> _queue = Channel.CreateUnbounded<Command>(new() { SingleReader = true });
    private readonly IEventStore _store;
    private readonly ReadModel _model;
    private readonly Task _loop;
    private int _inFlight;

    public LedgerBatcher(IEventStore store, ReadModel model)
    {
        (_store, _model) = (store, model);
        _loop = Task.Run(RunAsync);
    }

    /// <param name="target">The recorded development the command is about; null for a new one.</param>
    /// <param name="facts">The facts it would put in place, if any.</param>
    public async Task<WriteOutcome> WriteAsync(Guid? target, DevelopmentFacts? facts, Func<IKnownDevelopments, Decision> decide, CancellationToken ct)
    {
        var command = new Command(target, facts, decide, ct, Stopwatch.GetTimestamp());
        if (!_queue.Writer.TryWrite(command)) throw new StoreUnavailableException("The server is stopping: retry shortly.", Patience);
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await command.Done.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Whether any write is being decided, committed or projected now: reads then yield (<see cref="Http.ReadsYieldToWrites"/>).</summary>
    public bool Busy => Volatile.Read(ref _inFlight) > 0;

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    internal sealed record Command(Guid? Target, DevelopmentFacts? Facts, Func<IKnownDevelopments, Decision> Decide, CancellationToken Ct, long Queued)
    {
        public TaskCompletionSource<WriteOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <param name="Touched">The developments its accepted writes name.</param>
    /// <param name="Concerned">The facts of its accepted writes (and of their targets).</param>
    internal sealed record Batch(long Revision, List<(Command Command, Decision Decision)> Decided, List<Command> Deferred,
        HashSet<Guid> Touched, List<DevelopmentFacts> Concerned)
    {
        public List<(Command Command, Decision.Accepted Accepted)> Accepted =>
            Decided.Where(d => d.Decision is Decision.Accepted).Select(d => (d.Command, (Decision.Accepted)d.Decision)).ToList();

        /// <summary>Whether a command naming <paramref name="named"/>, about <paramref name="facts"/>, could turn on this batch's writes.</summary>
        public bool CouldTurnOn(IEnumerable<Guid> named, IEnumerable<DevelopmentFacts> facts) =>
            named.Any(Touched.Contains) || facts.Any(f => Concerned.Any(c => DuplicateRule.MayConcern(f, c)));
    }

    /// <summary>A batch appended that the read model may not show yet: the ledger's revision and the log's position after it, and its answers, given once it shows.</summary>
    private sealed record Unseen(Batch Batch, long Revision, long Position, Task Answered);

    private async Task RunAsync()
    {
        var next = new List<Command>(); // commands deferred by the last batch go first
        var unseen = new List<Unseen>(); // oldest first
        while (next.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            while (next.Count < MaxBatch && _queue.Reader.TryRead(out var command)) next.Add(command);
            var batch = next.Where(StillWanted).ToList();
            try
            {
                next = await CommitAsync(batch, unseen);
            }
            catch (Exception error)
            {
                // Deciding failed, or waiting out a conflict did (the store unreachable, the read model slow): this batch
                // is answered with why, and the writes after it still get their turn.
                foreach (var command in batch) command.Done.TrySetException(error);
                next = [];
            }
        }
        await Task.WhenAll(unseen.Select(u => u.Answered));
    }

    /// <summary>
    /// Decides and appends one batch; returns the commands left for the next one. The batch is answered once the read model
    /// shows it, but the next one does not wait for that: it is decided as soon as this one is appended, beside the
    /// batches still unseen (<paramref name="unseen"/>), so the read model's catching up is no longer part of every
    /// round. A command that could turn on an unseen batch waits, as one that could turn on an earlier write of its own
    /// batch does, and the append expects the revision the last unseen batch left.
    /// </summary>
    private async Task<List<Command>> CommitAsync(List<Command> commands, List<Unseen> unseen)
    {
        for (var attempt = 1; ; attempt++)
        {
            var batch = _model.Read(m =>
            {
                // One the read model shows (or that gave up waiting for it) is decided against like any other write.
                unseen.RemoveAll(u => m.Checkpoint >= u.Position || u.Answered.IsCompleted);
                return Decide(m.Developments, unseen.Count == 0 ? m.LedgerRevision : unseen[^1].Revision, commands, unseen.ConvertAll(u => u.Batch));
            });
            var accepted = batch.Accepted;
            if (accepted.Count == 0)
            {
                foreach (var (command, decision) in batch.Decided) command.Done.TrySetResult(new WriteOutcome(decision));
                // With nothing accepted, only an unseen batch can have held commands back: decide them once the oldest shows.
                if (batch.Deferred.Count > 0 && unseen.Count > 0) await unseen[0].Answered;
                return batch.Deferred;
            }
            try
            {
                var expected = batch.Revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.At(batch.Revision);
                var events = accepted.Select(a => LedgerCodec.Encode(a.Accepted.Event)).ToList();
                var result = await _store.AppendAsync(Ledger.StreamName, expected, events, CancellationToken.None);
                unseen.Add(new Unseen(batch, result.Revision, result.Position, AnswerOnceSeenAsync(batch, events.Count, result.Position)));
                return batch.Deferred;
            }
            catch (WrongExpectedRevisionException) when (attempt < DecidingWriter.Attempts)
            {
                // Another process wrote to the ledger: decide the whole batch again once the read model shows it.
                await DecidingWriter.AfterConflictAsync(_store, _model, attempt, CancellationToken.None);
                commands = [.. batch.Decided.Select(d => d.Command), .. batch.Deferred];
                batch.Deferred.Clear();
            }
            catch (Exception error)
            {
                Answer(batch, error);
                return batch.Deferred;
            }
        }
    }

    /// <summary>Answers an appended batch once the read model shows it: read-your-writes for every caller.</summary>
    private async Task AnswerOnceSeenAsync(Batch batch, int appended, long last)
    {
        try
        {
            await _model.ReachAsync(last, Patience,
                $"The write was recorded at log position {last}, but the read models have not shown it within "
                + $"{Patience.TotalSeconds:0} s: read it back shortly rather than sending it again.", CancellationToken.None);
            // One append's events sit together in the log, in the order given.
            var first = last - appended + 1;
            var positions = batch.Accepted.Select((a, i) => (a.Command, Position: first + i)).ToDictionary(p => p.Command, p => p.Position);
            foreach (var (command, decision) in batch.Decided)
                command.Done.TrySetResult(new WriteOutcome(decision, positions.TryGetValue(command, out var at) ? at : null));
        }
        catch (Exception error)
        {
            Answer(batch, error);
        }
    }

    /// <summary>Only the accepted ones were written, or not; a refusal stands whatever became of them.</summary>
    private static void Answer(Batch batch, Exception error)
    {
        foreach (var (command, decision) in batch.Decided)
        {
            if (decision is Decision.Accepted) command.Done.TrySetException(error);
            else command.Done.TrySetResult(new WriteOutcome(decision));
        }
    }

    /// <summary>
    /// Each command against the same developments, in turn. A command is left for the next batch when its answer could
    /// turn on a write accepted before it in this one, or in a batch appended that <paramref name="developments"/> may not
    /// show yet (<paramref name="unseen"/>): it names a development that write touches, or its facts (or its target's)
    /// concern that write's. A refusal writes nothing, so what comes after it cannot turn on it.
    /// </summary>
    internal static Batch Decide(DevelopmentRegistry developments, long revision, IReadOnlyList<Command> commands,
        IReadOnlyList<Batch>? unseen = null)
    {
        var batch = new Batch(revision, [], [], [], []);
        foreach (var command in commands)
        {
            var decision = command.Decide(developments);
            var named = Named(decision).Append(command.Target).OfType<Guid>().ToList();
            var facts = new[] { command.Facts, command.Target is { } id ? developments.Find(id)?.Current.Unpack() : null }
                .OfType<DevelopmentFacts>().ToList();
            if (batch.CouldTurnOn(named, facts) || unseen?.Any(b => b.CouldTurnOn(named, facts)) == true)
            {
                batch.Deferred.Add(command);
                continue;
            }
            batch.Decided.Add((command, decision));
            if (decision is not Decision.Accepted) continue;
            batch.Touched.UnionWith(named);
            batch.Concerned.AddRange(facts);
        }
        return batch;
    }

    /// <summary>The developments a decision rests on or writes to.</summary>
    private static IEnumerable<Guid?> Named(Decision decision) => decision switch
    {
        Decision.Accepted accepted => [accepted.Event.DevelopmentId],
        Decision.Duplicate duplicate => [duplicate.ExistingId],
        Decision.PossibleDuplicate possible => possible.Candidates.Select(c => (Guid?)c),
        _ => [],
    };

    /// <summary>False for a command whose caller has gone, or that has waited too long (it is answered so).</summary>
    private static bool StillWanted(Command command)
    {
        if (command.Ct.IsCancellationRequested)
        {
            command.Done.TrySetCanceled(command.Ct);
            return false;
        }
        if (Stopwatch.GetElapsedTime(command.Queued) <= Patience) return true;
        command.Done.TrySetException(new StoreUnavailableException(
            $"Earlier writes have kept this one waiting for {Patience.TotalSeconds:0} s: retry shortly.", Patience));
        return false;
    }
}
