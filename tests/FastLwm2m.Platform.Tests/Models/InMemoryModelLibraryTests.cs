namespace FastLwm2m.Platform.Tests.Models;

/// <summary>The model library contract over <see cref="InMemoryModelStore"/>.</summary>
public sealed class InMemoryModelLibraryTests : ModelLibraryContractTests
{
    protected override Task<IModelStore> CreateStoreAsync() => Task.FromResult<IModelStore>(new InMemoryModelStore());
}
