using System.Net;
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
}
