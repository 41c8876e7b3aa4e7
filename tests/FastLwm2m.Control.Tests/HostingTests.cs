using Grpc.Health.V1;

namespace FastLwm2m.Control.Tests;

[Collection(ControlCollection.Name)]
public sealed class HostingTests(ControlTestHost host)
{
    [Fact]
    public async Task HealthCheck_OfTheHost_IsServing()
    {
        var health = new Health.HealthClient(host.Channel);

        HealthCheckResponse response = await health.CheckAsync(new HealthCheckRequest(), ControlTestHost.As());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }
}
