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

    internal sealed record Batch(long Revision, List<(Command Command, Decision Decision)> Decided, List<Command> Deferred)
    {
        public List<(Command Command, Decision.Accepted Accepted)> Accepted =>
            Decided.Where(d => d.Decision is Decision.Accepted).Select(d => (d.Command, (Decision.Accepted)d.Decision)).ToList();
    }

    private async Task RunAsync()
    {
        var next = new List<Command>(); // commands deferred by the last batch go first
        while (next.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            while (next.Count < MaxBatch && _queue.Reader.TryRead(out var command)) next.Add(command);
            var batch = next.Where(StillWanted).ToList();
            try
            {
                next = await CommitAsync(batch);
            }
            catch (Exception error)
            {
                // Deciding failed, or waiting out a conflict did (the store unreachable, the read model slow): this batch
                // is answered with why, and the writes after it still get their turn.
                foreach (var command in batch) command.Done.TrySetException(error);
                next = [];
            }
        }
    }

    /// <summary>Decides and appends one batch; returns the commands left for the next one.</summary>
    private async Task<List<Command>> CommitAsync(List<Command> commands)
    {
        for (var attempt = 1; ; attempt++)
        {
            var batch = _model.Read(m => Decide(m.Developments, m.LedgerRevision, commands));
            var accepted = batch.Accepted;
            if (accepted.Count == 0)
            {
                foreach (var (command, decision) in batch.Decided) command.Done.TrySetResult(new WriteOutcome(decision));
                return batch.Deferred;
            }
            try
            {
                var expected = batch.Revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.At(batch.Revision);
                var events = accepted.Select(a => LedgerCodec.Encode(a.Accepted.Event)).ToList();
                var result = await _store.AppendAsync(Ledger.StreamName, expected, events, CancellationToken.None);
                await _model.ReachAsync(result.Position, Patience,
                    $"The write was recorded at log position {result.Position}, but the read models have not shown it within "
                    + $"{Patience.TotalSeconds:0} s: read it back shortly rather than sending it again.", CancellationToken.None);
                // One append's events sit together in the log, in the order given.
                var first = result.Position - events.Count + 1;
                var positions = accepted.Select((a, i) => (a.Command, Position: first + i)).ToDictionary(p => p.Command, p => p.Position);
                foreach (var (command, decision) in batch.Decided)
                    command.Done.TrySetResult(new WriteOutcome(decision, positions.TryGetValue(command, out var at) ? at : null));
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
                // Only the accepted ones were written, or not; a refusal stands whatever became of them.
                foreach (var (command, decision) in batch.Decided)
                {
                    if (decision is Decision.Accepted) command.Done.TrySetException(error);
                    else command.Done.TrySetResult(new WriteOutcome(decision));
                }
                return batch.Deferred;
            }
        }
    }

    /// <summary>
    /// Each command against the same developments, in turn. A command is left for the next batch when its answer could
    /// turn on a write accepted before it in this one: it names a development that write touches, or its facts (or its
    /// target's) concern that write's. A refusal writes nothing, so what comes after it cannot turn on it.
    /// </summary>
    internal static Batch Decide(DevelopmentRegistry developments, long revision, IReadOnlyList<Command> commands)
    {
        var decided = new List<(Command, Decision)>();
        var deferred = new List<Command>();
        var touched = new HashSet<Guid>();
        var concerned = new List<DevelopmentFacts>();
        foreach (var command in commands)
        {
            var decision = command.Decide(developments);
            var named = Named(decision).Append(command.Target).OfType<Guid>().ToList();
            var facts = new[] { command.Facts, command.Target is { } id ? developments.Find(id)?.Current.Unpack() : null }
                .OfType<DevelopmentFacts>().ToList();
            if (named.Any(touched.Contains) || facts.Any(f => concerned.Any(c => DuplicateRule.MayConcern(f, c))))
            {
                deferred.Add(command);
                continue;
            }
            decided.Add((command, decision));
            if (decision is not Decision.Accepted) continue;
            touched.UnionWith(named);
            concerned.AddRange(facts);
        }
        return new Batch(revision, decided, deferred);
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
