using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Monitor.Hosting;

namespace Monitor.Auth;

/// <summary>
/// The configured keys, kept as SHA-256 digests and compared in constant time. A token is exactly what
/// the client sent; a blank one matches nothing, whatever is configured.
/// </summary>
public sealed class KeyRing(IOptions<MonitorOptions> options)
{
    private readonly byte[][] _analyst = [.. options.Value.Auth.AnalystKeys.Select(Digest)];
    private readonly byte[][] _reader = [.. options.Value.Auth.ReaderKeys.Select(Digest)];

    /// <summary>The role the token holds, or null for none.</summary>
    public string? RoleOf(string token)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        var digest = Digest(token);
        if (AnyMatches(_analyst, digest)) return Roles.Analyst;
        return AnyMatches(_reader, digest) ? Roles.Reader : null;
    }

    /// <summary>Compares with every key, so the time taken does not say which one matched.</summary>
    private static bool AnyMatches(byte[][] keys, byte[] digest)
    {
        var found = false;
        foreach (var key in keys) found |= CryptographicOperations.FixedTimeEquals(key, digest);
        return found;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
