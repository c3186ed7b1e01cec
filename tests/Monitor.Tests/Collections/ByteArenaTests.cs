using Monitor.Collections;
using Xunit;

namespace Monitor.Tests.Collections;

/// <summary>Runs taken from an arena are the caller's alone: none overlaps another, in one chunk or across chunks.</summary>
public sealed class ByteArenaTests
{
    [Fact]
    public void Each_run_keeps_its_bytes_while_later_runs_are_taken()
    {
        var arena = new ByteArena();
        var random = new Random(3);
        var runs = new List<(Memory<byte> Run, byte Fill)>();
        for (var i = 0; i < 8_000; i++)
        {
            var run = arena.Take(random.Next(0, 2_000));
            var fill = (byte)(i % 251);
            run.Span.Fill(fill);
            runs.Add((run, fill));
        }

        Assert.True(arena.Reserved > 2 * ByteArena.ChunkSize, "the runs should span several chunks");
        Assert.All(runs, r => Assert.True(r.Run.Span.IndexOfAnyExcept(r.Fill) < 0, "a later run wrote over an earlier one"));
    }

    [Fact]
    public void A_run_larger_than_a_chunk_is_taken_whole_and_the_next_run_starts_a_chunk_of_its_own()
    {
        var arena = new ByteArena();
        var small = arena.Take(10);
        var large = arena.Take(ByteArena.ChunkSize + 1);
        var next = arena.Take(10);

        Assert.Equal(ByteArena.ChunkSize + 1, large.Length);
        large.Span.Fill(1);
        small.Span.Fill(2);
        next.Span.Fill(3);
        Assert.True(large.Span.IndexOfAnyExcept((byte)1) < 0);
        Assert.Equal(2 * ByteArena.ChunkSize + 1 + ByteArena.ChunkSize, arena.Reserved);
    }

    [Fact]
    public async Task Chunks_made_ready_on_another_thread_are_each_taken_once_as_runs_are_taken()
    {
        var arena = new ByteArena();
        using var done = new CancellationTokenSource();
        var preparing = Task.Run(() =>
        {
            while (!done.IsCancellationRequested) arena.Prepare();
        });
        var runs = new List<(Memory<byte> Run, byte Fill)>();
        for (var i = 0; i < 12_000; i++)
        {
            var run = arena.Take(1_000 + i % 7);
            var fill = (byte)(i % 251);
            run.Span.Fill(fill);
            runs.Add((run, fill));
        }
        await done.CancelAsync();
        await preparing;

        Assert.True(arena.Reserved >= 5 * ByteArena.ChunkSize, "the runs should span several chunks");
        Assert.Equal(0, arena.Reserved % ByteArena.ChunkSize); // the chunk made ready and not taken yet is not counted
        Assert.All(runs, r => Assert.True(r.Run.Span.IndexOfAnyExcept(r.Fill) < 0, "a later run wrote over an earlier one"));
        Assert.All(runs, r => Assert.True(arena.Holds(r.Run)));
    }

    [Fact]
    public void A_negative_size_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ByteArena().Take(-1));
}
