namespace FastLwm2m.Platform.Tests.Devices;

/// <summary>The device contract over <see cref="InMemoryDeviceStore"/>; reopening keeps the same instance.</summary>
public sealed class InMemoryDeviceServiceTests : DeviceServiceContractTests
{
    private readonly InMemoryDeviceStore _store = new();

    protected override Task<IDeviceStore> CreateStoreAsync() => Task.FromResult<IDeviceStore>(_store);

    protected override Task<IDeviceStore> ReopenStoreAsync() => Task.FromResult<IDeviceStore>(_store);
}
