using System.Net;
using Monitor.Hosting;
using Monitor.Tests.Api;

namespace Monitor.Tests.Process;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes
public sealed class DataFolderPermissionTests
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    [Fact]
    public async Task The_data_folder_and_every_file_in_it_are_the_owner_s_alone_even_those_from_before()
    {
        using var data = new TempFolder();
        var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(data.Path, readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var oldKey = Path.Combine(data.Path, "analyst-key");
        await File.WriteAllTextAsync(oldKey, "an older installation's key");
        File.SetUnixFileMode(oldKey, readable);

        using var server = await ServerProcess.StartAsync(data.Path, "permission-test-key");
        using var http = server.Client("permission-test-key");
        Assert.Equal(HttpStatusCode.Created,
            (await http.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development(kind: "context")))).StatusCode);

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data.Path));
        var files = Directory.GetFiles(data.Path).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["analyst-key", "monitor.db", "monitor.db-shm", "monitor.db-wal", "monitor.db.has-history", "monitor.lock"], files);
        Assert.All(files, name => Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(data.Path, name!))));
    }

    [Fact]
    public void A_folder_shared_with_other_files_keeps_its_mode_and_theirs_and_only_the_monitor_s_files_are_made_owner_only()
    {
        // `serve --data .` in a project folder: its script must keep its execute bit, the folder its group's access.
        using var project = new TempFolder();
        var shared = OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        File.SetUnixFileMode(project.Path, shared);
        var script = Path.Combine(project.Path, "build.sh");
        File.WriteAllText(script, "#!/bin/sh\n");
        var executable = OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(script, executable);
        var oldSnapshot = Path.Combine(project.Path, "read-models.snapshot");
        File.WriteAllText(oldSnapshot, "an older run's");
        File.SetUnixFileMode(oldSnapshot, OwnerOnlyFile | UnixFileMode.OtherRead);

        using (var folder = DataFolder.Take(project.Path))
        {
            Assert.True(folder.Shared);
            Assert.Equal(shared, File.GetUnixFileMode(project.Path));
            Assert.Equal(executable, File.GetUnixFileMode(script));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(oldSnapshot));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(project.Path, DataFolder.LockFileName)));
        }

        // Once the other files are gone, the folder is the monitor's own again, and owner-only.
        File.Delete(script);
        using var own = DataFolder.Take(project.Path);
        Assert.False(own.Shared);
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(project.Path));
    }
}
