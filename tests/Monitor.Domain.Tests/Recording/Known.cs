using Monitor.Recording;

namespace Monitor.Tests.Recording;

/// <summary>What is already recorded, as the ledger's decisions see it: an in-memory stand-in.</summary>
internal sealed class Known : IKnownDevelopments
{
    private readonly Dictionary<string, Guid> _keys = [];
    private readonly Dictionary<Guid, DevelopmentFacts> _facts = [];

    public HashSet<Guid> Retracted { get; } = [];

    public Known With(Guid id, DevelopmentFacts facts)
    {
        _facts[id] = facts;
        DuplicateRule.ForEachKey(facts, key => _keys[key.ToString()] = id);
        return this;
    }

    public Known WithRetracted(Guid id, DevelopmentFacts facts)
    {
        Retracted.Add(id);
        return With(id, facts);
    }

    public Guid? HolderOf(ReadOnlySpan<char> duplicateKey) =>
        _keys.TryGetValue(duplicateKey.ToString(), out var id) && !Retracted.Contains(id) ? id : null;

    public (DevelopmentFacts? Facts, bool Retracted) Lookup(Guid id) =>
        (_facts.GetValueOrDefault(id), Retracted.Contains(id));

    public IReadOnlyList<Guid> MayBeSameEventAs(DevelopmentFacts facts) => _facts
        .Where(f => !Retracted.Contains(f.Key) && DuplicateRule.MayBeSameEvent(facts, f.Value))
        .Select(f => f.Key)
        .ToList();
}
