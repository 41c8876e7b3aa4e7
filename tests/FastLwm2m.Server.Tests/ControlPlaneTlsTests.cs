using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FastLwm2m.Server.Tests;

/// <summary>The control plane's transport: TLS with a configured certificate, and no cleartext off loopback.</summary>
public class ControlPlaneTlsTests
{
    [Fact]
    public async Task ControlPlaneBoundOffLoopbackWithoutACertificate_StopsStartUp_NamingTheKey()
    {
        // Refused while reading the options: nothing is bound.
        await using var server = ServerProcess.Launch(new Dictionary<string, string> { ["FastLwm2m__Control__Url"] = "http://0.0.0.0:0" });
        await server.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, server.Process.ExitCode);
        Assert.Contains(server.Lines, l => l.Contains("Invalid configuration 'FastLwm2m:Control:Url'") && l.Contains("needs TLS"));
    }

    [Fact]
    public async Task ControlPlaneWithACertificate_SpeaksTls()
    {
        string directory = Path.Combine(Path.GetTempPath(), "fastlwm2m-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        string pfx = Path.Combine(directory, "control.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "secret"));

        await using var server = ServerProcess.Launch(new Dictionary<string, string>
        {
            ["FastLwm2m__Control__Url"] = "https://127.0.0.1:0",
            ["FastLwm2m__Control__CertificatePath"] = pfx,
            ["FastLwm2m__Control__CertificatePassword"] = "secret",
        }, directory);
        await server.WaitUntilListeningAsync();

        // Trust exactly this certificate; a call without a key reaching the service proves TLS and HTTP/2 work.
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress($"https://127.0.0.1:{server.ControlPort}", new Grpc.Net.Client.GrpcChannelOptions { HttpHandler = handler });
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await new FastLwm2m.Control.V1.Devices.DevicesClient(channel).ListAsync(new FastLwm2m.Control.V1.ListDevicesRequest()));
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains(server.Lines, l => l.Contains($"gRPC control plane on https://127.0.0.1:{server.ControlPort}"));
    }
}
