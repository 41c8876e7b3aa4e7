using FastLwm2m.Control.V1;
using FastLwm2m.Lwm2m;
using Grpc.Core;
using PlatformAttribute = FastLwm2m.Platform.Attributes.AttributeValue;

namespace FastLwm2m.Control.Tests;

[Collection(ControlCollection.Name)]
public sealed class AttributesServiceTests(ControlTestHost host)
{
    private readonly Attributes.AttributesClient _attributes = new(host.Channel);

    [Fact]
    public async Task Get_AfterValuesAreSet_ReturnsTheLatestValueOfEachKeyByKey()
    {
        string endpoint = await CreateDeviceAsync("attributes");
        await host.Platform.Attributes.SetAsync(endpoint,
        [
            new PlatformAttribute("serialNumber", Lwm2mValue.FromString("SN-1"), 1_000),
            new PlatformAttribute("manufacturer", Lwm2mValue.FromString("Acme"), 2_000),
        ]);

        GetAttributesResponse response = await _attributes.GetAsync(
            new GetAttributesRequest { Device = new DeviceRef { Endpoint = endpoint } }, ControlTestHost.As());

        Assert.Equal(["manufacturer", "serialNumber"], response.Attributes.Select(a => a.Key));
        Assert.Equal("Acme", response.Attributes[0].Value.StringValue);
        Assert.Equal(2_000, response.Attributes[0].Time.ToDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Get_UnknownDevice_IsNotFound()
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _attributes.GetAsync(
            new GetAttributesRequest { Device = new DeviceRef { Endpoint = ControlTestHost.NewEndpoint("nobody") } }, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task Update_WithoutSharedAttributeService_IsFailedPrecondition()
    {
        string endpoint = await CreateDeviceAsync("shared");

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _attributes.UpdateAsync(
            new UpdateAttributeRequest { Device = new DeviceRef { Endpoint = endpoint }, Key = "timezone", ValueJson = "\"+2\"" }, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("shared attributes are not enabled", e.Status.Detail);
    }

    [Fact]
    public async Task Update_WithoutKey_IsInvalidArgumentNamingTheField()
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _attributes.UpdateAsync(
            new UpdateAttributeRequest { Device = new DeviceRef { Endpoint = "x" }, ValueJson = "1" }, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("key:", e.Status.Detail);
    }

    private Task<string> CreateDeviceAsync(string prefix) => host.CreateNoSecDeviceAsync(ControlTestHost.NewEndpoint(prefix));
}
