namespace Monitor.Recording;

/// <summary>What the ledger's decisions need to know of what is already recorded.</summary>
public interface IKnownDevelopments
{
    /// <summary>The live (not retracted) development that holds this duplicate key, if any.</summary>
    Guid? HolderOf(string duplicateKey);

    /// <summary>Whether the development exists and whether it has been retracted.</summary>
    (bool Exists, bool Retracted) Lookup(Guid id);
}

public abstract record Decision
{
    private Decision() { }
    public sealed record Accepted(LedgerEvent Event) : Decision;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : Decision;
    public sealed record Duplicate(Guid ExistingId) : Decision;
    public sealed record NotFound(Guid Id) : Decision;
    public sealed record Conflict(string Reason) : Decision;
}

/// <summary>The ledger's commands: each decides, from what is known, which event (if any) to append.</summary>
public static class Ledger
{
    public const string StreamName = "ledger";

    public static Decision Record(Guid newId, DevelopmentFacts facts, IKnownDevelopments known)
    {
        foreach (var key in DuplicateRule.KeysOf(facts))
        {
            if (known.HolderOf(key) is { } existing) return new Decision.Duplicate(existing);
        }
        return new Decision.Accepted(new LedgerEvent.DevelopmentRecorded(newId, facts));
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
        var (exists, retracted) = known.Lookup(id);
        if (!exists) return new Decision.NotFound(id);
        return retracted ? new Decision.Conflict($"Development {id} is already retracted.") : null;
    }

    private static Decision? DuplicateOfAnother(Guid id, DevelopmentFacts facts, IKnownDevelopments known) =>
        DuplicateRule.KeysOf(facts).Select(known.HolderOf).FirstOrDefault(holder => holder is not null && holder != id)
            is { } other ? new Decision.Duplicate(other) : null;
}
