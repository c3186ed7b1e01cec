namespace Monitor.Recording;

/// <summary>What the ledger's decisions need to know of what is already recorded.</summary>
public interface IKnownDevelopments
{
    /// <summary>The live (not retracted) development that holds this duplicate key, if any.</summary>
    Guid? HolderOf(ReadOnlySpan<char> duplicateKey);

    /// <summary>Live developments that may be the same event as <paramref name="facts"/> (<see cref="DuplicateRule.MayBeSameEvent"/>).</summary>
    IReadOnlyList<Guid> MayBeSameEventAs(DevelopmentFacts facts);

    /// <summary>The development's current facts (null: no such development), and whether it has been retracted.</summary>
    (DevelopmentFacts? Facts, bool Retracted) Lookup(Guid id);
}

public abstract record Decision
{
    private Decision() { }
    public sealed record Accepted(LedgerEvent Event) : Decision;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : Decision;
    public sealed record Duplicate(Guid ExistingId) : Decision;

    /// <summary>Live developments that may report the same event; the analyst confirms with distinctFrom, or adds a source instead.</summary>
    public sealed record PossibleDuplicate(IReadOnlyList<Guid> Candidates) : Decision;
    public sealed record NotFound(Guid Id) : Decision;
    public sealed record Conflict(string Reason) : Decision;
}

/// <summary>The ledger's commands: each decides, from what is known, which event (if any) to append.</summary>
public static class Ledger
{
    public const string StreamName = "ledger";

    /// <param name="distinctFrom">Developments the analyst has checked are other events.</param>
    public static Decision Record(Guid newId, DevelopmentFacts facts, IReadOnlyCollection<Guid> distinctFrom, IKnownDevelopments known)
    {
        if (HolderOfAnyKey(facts, known, except: null) is { } existing) return new Decision.Duplicate(existing);
        var unconfirmed = known.MayBeSameEventAs(facts).Except(distinctFrom).ToList();
        return unconfirmed.Count > 0 ? new Decision.PossibleDuplicate(unconfirmed)
            : new Decision.Accepted(new LedgerEvent.DevelopmentRecorded(newId, facts));
    }

    public static Decision AddSource(Guid id, Source source, IKnownDevelopments known)
    {
        var (facts, retracted) = known.Lookup(id);
        if (facts is null) return new Decision.NotFound(id);
        if (retracted) return new Decision.Conflict($"Development {id} is retracted: record the event anew if it did happen.");
        if (facts.Sources.Any(s => DuplicateRule.SameReport(s, source)))
            return new Decision.Conflict("That source (the same url, or the same publisher and title) is already there.");
        // Checked when the source was drafted too, but against the facts of then: a correction may have moved the period since.
        if (DevelopmentValidation.PublishedTooEarly(source.PublishedOn, facts.OccurredOn) is { } early)
            return new Decision.Invalid([new FieldError("source.publishedOn", early)]);
        if (facts.Sources.Count >= DevelopmentValidation.MaxSources)
            return new Decision.Invalid([new FieldError("sources", $"At most {DevelopmentValidation.MaxSources} sources.")]);
        return new Decision.Accepted(new LedgerEvent.SourceAdded(id, source));
    }

    public static Decision Correct(Guid id, DevelopmentFacts facts, string? reason, IKnownDevelopments known) =>
        Amend(id, reason, known) ?? DuplicateOfAnother(id, facts, known)
        ?? new Decision.Accepted(new LedgerEvent.DevelopmentCorrected(id, facts, reason!.Trim()));

    public static Decision Retract(Guid id, string? reason, IKnownDevelopments known) =>
        Amend(id, reason, known) ?? new Decision.Accepted(new LedgerEvent.DevelopmentRetracted(id, reason!.Trim()));

    private static Decision? Amend(Guid id, string? reason, IKnownDevelopments known)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return new Decision.Invalid([new FieldError("reason", "Say why: a correction or retraction needs a reason.")]);
        if (reason.Length > DevelopmentValidation.MaxSummary)
            return new Decision.Invalid([new FieldError("reason", $"At most {DevelopmentValidation.MaxSummary} characters.")]);
        if (SafeText.Refusal(reason, prose: true) is { } refusal) return new Decision.Invalid([new FieldError("reason", refusal)]);
        var (facts, retracted) = known.Lookup(id);
        if (facts is null) return new Decision.NotFound(id);
        return retracted ? new Decision.Conflict($"Development {id} is already retracted.") : null;
    }

    private static Decision? DuplicateOfAnother(Guid id, DevelopmentFacts facts, IKnownDevelopments known) =>
        HolderOfAnyKey(facts, known, except: id) is { } other ? new Decision.Duplicate(other) : null;

    /// <summary>The first development, other than <paramref name="except"/>, holding one of the duplicate keys of <paramref name="facts"/>.</summary>
    private static Guid? HolderOfAnyKey(DevelopmentFacts facts, IKnownDevelopments known, Guid? except)
    {
        Guid? found = null;
        DuplicateRule.ForEachKey(facts, key => found ??= known.HolderOf(key) is { } holder && holder != except ? holder : null);
        return found;
    }
}
