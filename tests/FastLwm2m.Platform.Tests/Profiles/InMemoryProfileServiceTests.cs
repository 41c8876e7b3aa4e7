using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Profiles;

namespace FastLwm2m.Platform.Tests.Profiles;

/// <summary>The profile service contract over <see cref="InMemoryProfileStore"/>, and what needs no store choice.</summary>
public sealed class InMemoryProfileServiceTests : ProfileServiceContractTests
{
    protected override Task<IProfileStore> CreateStoreAsync() => Task.FromResult<IProfileStore>(new InMemoryProfileStore());

    [Fact]
    public async Task CreateDefault_ValidatesAgainstBuiltInModelsWhenTheLibraryIsEmpty()
    {
        var service = new ProfileService(new InMemoryProfileStore(), new ModelLibrary(new InMemoryModelStore(), ObjectModelRepository.CreateWithCoreModels()));

        ProfileSaveResult result = await service.CreateAsync(Acme, DeviceProfiles.CreateDefault(Acme));

        Assert.True(result.Succeeded, result.Error);
    }
}
