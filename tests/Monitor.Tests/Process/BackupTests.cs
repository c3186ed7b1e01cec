using System.Collections.Concurrent;
using System.Net;
using Monitor.EventStore;
using Monitor.EventStore.Sqlite;
using Monitor.Recording;
using Monitor.Tests.Api;

namespace Monitor.Tests.Process;

/// <summary>`monitor backup` beside a serving server, and the restore the README describes.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes
public sealed class BackupTests
{
    private const string Key = "backup-test-analyst-key";

    [Fact]
    public async Task A_backup_taken_while_writes_go_on_restores_every_write_acknowledged_before_it()
    {
        using var data = new TempFolder();
        using var elsewhere = new TempFolder();
        var backup = Path.Combine(elsewhere.Path, "monitor-backup.db");
        var acknowledged = new ConcurrentQueue<Guid>();
        Guid[] beforeBackup;
        using (var server = await ServerProcess.StartAsync(data.Path, Key))
        {
            using var http = server.Client(Key);
            using var enough = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!enough.IsCancellationRequested)
                {
                    var response = await http.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development(kind: "context")));
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    acknowledged.Enqueue((await response.ReadJson()).GetProperty("id").GetGuid());
                }
            })).ToList();
            await Eventually.TrueAsync(() => acknowledged.Count >= 20, "20 acknowledged writes");

            beforeBackup = [.. acknowledged];
            var (code, output, error) = await MonitorCli.RunAsync(elsewhere.Path, "backup", backup, "--data", data.Path);
            var duringBackup = acknowledged.Count;
            await enough.CancelAsync();
            await Task.WhenAll(writers);
            Assert.True(code == 0, error);
            Assert.Contains($"Copied {StoreFiles.Database(data.Path)} to {backup}.", output);
            Assert.True(duringBackup > beforeBackup.Length, "writes went on while the backup was taken");
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));

        using var restored = new TempFolder();
        File.Move(backup, StoreFiles.Database(restored.Path));
        var verified = await MonitorCli.RunAsync(restored.Path, "verify", "--data", restored.Path);
        Assert.True(verified.Code == 0, verified.Error);
        using var again = await ServerProcess.StartAsync(restored.Path, Key);
        using var reader = again.Client(Key);
        foreach (var id in beforeBackup)
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/developments/{id}")).StatusCode);
    }

    [Fact]
    public async Task Verify_and_backup_find_the_store_where_the_settings_put_it_as_serve_does()
    {
        using var data = new TempFolder();
        await using (var events = new SqliteEventStore(Path.Combine(data.Path, SqliteEventStore.FileName), TimeProvider.System))
        {
            var facts = new DevelopmentFacts(["military"], DevelopmentKind.ContactHeld, Period.Parse("2024-09-01"), "Talks held.", [],
                [new Source("Talks held", "Wire", null, PartialDate.Of(2024, 9, 1), "held talks")]);
            await events.AppendAsync(Ledger.StreamName, ExpectedRevision.NoStream, [LedgerCodec.Encode(new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), facts))]);
        }
        using var elsewhere = new TempFolder(); // where it runs from: no ./data here
        var settings = new Dictionary<string, string> { ["Monitor__DataDirectory"] = data.Path };

        var verified = await MonitorCli.RunWithAsync(elsewhere.Path, settings, "verify");
        var copy = Path.Combine(elsewhere.Path, "copy.db");
        var backedUp = await MonitorCli.RunWithAsync(elsewhere.Path, settings, "backup", copy);

        Assert.True(verified.Code == 0, verified.Error);
        Assert.Contains($"{Path.Combine(data.Path, SqliteEventStore.FileName)} is whole", verified.Output);
        Assert.True(backedUp.Code == 0, backedUp.Error);
        Assert.True(File.Exists(copy));
    }

    [Fact]
    public async Task A_copy_that_is_not_whole_leaves_the_file_it_would_have_replaced_and_nothing_beside_it()
    {
        using var data = new TempFolder();
        var store = Path.Combine(data.Path, SqliteEventStore.FileName);
        await using (var events = new SqliteEventStore(store, TimeProvider.System))
        {
            var facts = new DevelopmentFacts(["military"], DevelopmentKind.ContactHeld, Period.Parse("2024-09-01"), "Talks held.", [],
                [new Source("Talks held", "Wire", null, PartialDate.Of(2024, 9, 1), "held talks")]);
            foreach (var _ in Enumerable.Range(0, 3))
                await events.AppendAsync(Ledger.StreamName, ExpectedRevision.Any, [LedgerCodec.Encode(new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), facts))]);
        }
        await using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store};Pooling=false"))
        {
            await raw.OpenAsync();
            await using var gap = raw.CreateCommand();
            gap.CommandText = "DELETE FROM events WHERE position = 2";
            await gap.ExecuteNonQueryAsync();
        }
        using var backups = new TempFolder();
        var existing = Path.Combine(backups.Path, "last-good.db");
        await File.WriteAllTextAsync(existing, "keep me");

        var refused = await MonitorCli.RunAsync(data.Path, "backup", existing, "--data", data.Path, "--overwrite");

        Assert.Equal(1, refused.Code);
        Assert.Contains("not whole", refused.Error);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
        Assert.Equal([existing], Directory.GetFiles(backups.Path));
    }

    [Fact]
    public async Task A_backup_replaces_an_existing_file_only_when_asked_and_leaves_it_owner_only()
    {
        using var data = new TempFolder();
        using (await ServerProcess.StartAsync(data.Path, Key))
        {
            var existing = Path.Combine(data.Path, "..", Path.GetFileName(data.Path) + "-existing.db");
            await File.WriteAllTextAsync(existing, "keep me");
            File.SetUnixFileMode(existing, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            try
            {
                var refused = await MonitorCli.RunAsync(data.Path, "backup", existing, "--data", data.Path);
                Assert.Equal(1, refused.Code);
                Assert.Contains("exists: name a new file, or add --overwrite to replace it", refused.Error);
                Assert.Equal("keep me", await File.ReadAllTextAsync(existing));

                var replaced = await MonitorCli.RunAsync(data.Path, "backup", existing, "--data", data.Path, "--overwrite");
                Assert.True(replaced.Code == 0, replaced.Error);
                Assert.Matches(@"developments\s+17\b", replaced.Output);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(existing));
            }
            finally
            {
                File.Delete(existing);
            }
        }
    }
}
