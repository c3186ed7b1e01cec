namespace Monitor.Tests.Dashboard;

/// <summary>One chromium for every browser test; they run one after another, as a person would use the page.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
