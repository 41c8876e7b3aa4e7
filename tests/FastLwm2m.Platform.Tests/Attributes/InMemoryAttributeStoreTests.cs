using FastLwm2m.Platform.Attributes;

namespace FastLwm2m.Platform.Tests.Attributes;

/// <summary>The attribute store contract over <see cref="InMemoryAttributeStore"/>; reopening keeps the same instance.</summary>
public sealed class InMemoryAttributeStoreTests : AttributeStoreContractTests
{
    private readonly InMemoryAttributeStore _store = new();

    protected override Task<IAttributeStore> CreateStoreAsync() => Task.FromResult<IAttributeStore>(_store);

    protected override Task<IAttributeStore> ReopenStoreAsync() => Task.FromResult<IAttributeStore>(_store);
}
