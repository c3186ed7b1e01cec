using System.Net;
using Monitor.Channels;
using Monitor.Recording;

namespace Monitor.Alerts;

/// <summary>Turns a draft into a subscription, or names every field at fault. Pure.</summary>
public static class SubscriptionValidation
{
    public const int MaxSecret = 200;
    public const int MaxAddress = 320;
    public const int MaxUrl = 2048;

    /// <summary>Kinds a subscription gets when it names none.</summary>
    public static readonly IReadOnlyList<AlertKind> DefaultKinds = [AlertKind.StatusChanged];

    public static (Subscription? Subscription, IReadOnlyList<FieldError> Errors) Validate(
        Guid id, SubscriptionDraft draft, ChannelCatalog catalog, WebhookTargets targets)
    {
        var errors = new List<FieldError>();
        var channels = draft.Channels ?? [];
        var known = string.Join(", ", catalog.All.Select(c => c.Id));
        if (channels.Count == 0) errors.Add(new("channels", $"Name at least one channel to watch: {known}."));
        for (var i = 0; i < channels.Count; i++)
        {
            if (!catalog.Contains(channels[i] ?? "")) errors.Add(new($"channels[{i}]", catalog.Unknown(channels[i])));
        }

        var kinds = new List<AlertKind>();
        var kindNames = draft.Kinds ?? [];
        for (var i = 0; i < kindNames.Count; i++)
        {
            if (WireName.TryParse<AlertKind>(kindNames[i], out var kind)) kinds.Add(kind);
            else errors.Add(new($"kinds[{i}]", $"Unknown alert kind {SafeText.Quote(kindNames[i])}. Use any of: {string.Join(", ", WireName.All<AlertKind>())}."));
        }
        if (kindNames.Count == 0) kinds.AddRange(DefaultKinds);

        var webhook = draft.Webhook is null ? null : WebhookOf(draft.Webhook, targets, errors);
        var email = draft.Email is null ? null : EmailOf(draft.Email, errors);
        if ((draft.Webhook is null) == (draft.Email is null))
            errors.Add(new("webhook", "Give exactly one delivery target: 'webhook' {url, secret} or 'email'."));
        if (kinds.Contains(AlertKind.Digest) && draft.Email is null)
            errors.Add(new("kinds", "The digest is sent by e-mail: give an 'email' address to receive it."));

        return errors.Count > 0
            ? (null, errors)
            : (new Subscription(id, channels.Distinct().ToList(), kinds.Distinct().ToList(), webhook, email), errors);
    }

    private static Webhook? WebhookOf(WebhookDraft draft, WebhookTargets targets, List<FieldError> errors)
    {
        var (url, problem) = UrlOf(draft.Url, targets);
        if (problem is not null) errors.Add(new("webhook.url", problem));
        if (string.IsNullOrWhiteSpace(draft.Secret))
        {
            errors.Add(new("webhook.secret", "Give a secret: every delivery is signed with it (HMAC-SHA256)."));
            return null;
        }
        if (draft.Secret.Length > MaxSecret)
        {
            errors.Add(new("webhook.secret", $"At most {MaxSecret} characters."));
            return null;
        }
        if (SafeText.Refusal(draft.Secret) is { } refusal)
        {
            errors.Add(new("webhook.secret", refusal));
            return null;
        }
        return url is null ? null : new Webhook(url.ToString(), draft.Secret);
    }

    private static (Uri? Url, string? Problem) UrlOf(string? given, WebhookTargets targets)
    {
        if (given?.Length > MaxUrl) return (null, $"At most {MaxUrl} characters.");
        if (given is not null && SafeText.Refusal(given) is { } hidden) return (null, hidden);
        if (!Uri.TryCreate(given, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return (null, "Give an absolute http:// or https:// URL.");
        if (url.UserInfo.Length > 0) return (null, "Leave credentials out of the URL: the signature authenticates each delivery.");
        if (IPAddress.TryParse(url.DnsSafeHost, out var address) && !targets.Allows(url.DnsSafeHost, address))
            return (null, WebhookTargets.Refusal(url.DnsSafeHost, address));
        return (url, null);
    }

    private static string? EmailOf(string address, List<FieldError> errors)
    {
        if (SafeText.Refusal(address) is { } refusal)
        {
            errors.Add(new("email", refusal));
            return null;
        }
        var trimmed = address.Trim();
        // MailAddress also accepts "Name <a@b>" and bare local parts; a subscription wants exactly one plain address.
        if (trimmed.Length is > 0 and <= MaxAddress && System.Net.Mail.MailAddress.TryCreate(trimmed, out var parsed)
            && parsed.Address == trimmed && parsed.Host.Contains('.') && !trimmed.Any(char.IsWhiteSpace))
            return trimmed;
        errors.Add(new("email", $"{SafeText.Quote(address)} is not an e-mail address like analyst@example.org."));
        return null;
    }
}
