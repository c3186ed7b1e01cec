using System.Security.Cryptography;
using System.Text;

namespace Monitor.Alerts;

/// <summary>
/// An alert's id is derived from what caused it, never drawn at random: detection that runs twice
/// (after a crash, on two nodes) derives the same id and so cannot raise, or deliver, the alert twice.
/// </summary>
public static class AlertId
{
    /// <param name="subject">What the alert is about: a channel, or a day for the digest.</param>
    /// <param name="cause">The event, or the development, that caused it.</param>
    public static Guid For(AlertKind kind, string subject, Guid cause)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{WireName.Of(kind)}|{subject}|{cause:N}"));
        // RFC 9562 version 8 (custom), variant 10: a well-formed UUID built from the hash.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
