using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Tests.Devices;

/// <summary>
/// The behaviour of <see cref="DeviceService"/>, <see cref="DeviceRegistrationAuthorizer"/> and an
/// <see cref="IDeviceStore"/>, run against each store implementation by a derived class.
/// </summary>
public abstract class DeviceServiceContractTests : IAsyncLifetime
{
    protected static readonly TenantId Acme = new("acme");
    protected static readonly TenantId Globex = new("globex");
    protected static readonly Guid ProfileId = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000001");
    private const string Key32 = "000102030405060708090a0b0c0d0e0f";
    private static readonly SocketAddress Client = new IPEndPoint(IPAddress.Loopback, 56830).Serialize();

    protected IDeviceStore Store { get; private set; } = null!;

    protected DeviceService Devices { get; private set; } = null!;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IDeviceStore> CreateStoreAsync();

    /// <summary>The same store's data seen afresh (as after a restart).</summary>
    protected abstract Task<IDeviceStore> ReopenStoreAsync();

    public virtual async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        Devices = await DeviceService.OpenAsync(Store);
    }

    public virtual async Task DisposeAsync() => await Devices.DisposeAsync();

    [Fact]
    public async Task Create_NoSec_IsSeenByItsTenantOnly()
    {
        DeviceCreateResult result = await Devices.CreateAsync(Acme, "Sensor 1", ProfileId, new NoSecCredentials("sensor-1"));

        Assert.True(result.Succeeded, result.Error);
        DeviceInfo created = result.Device!;
        Assert.Equal(("Sensor 1", "sensor-1", DeviceCredentialsType.NoSec, false), (created.Name, created.Endpoint, created.CredentialsType, created.AutoProvisioned));
        Assert.Equal(created, await Devices.GetAsync(Acme, created.Id));
        Assert.Null(await Devices.GetAsync(Globex, created.Id));
        Assert.Equal([created], await Devices.ListAsync(Acme));
        Assert.Empty(await Devices.ListAsync(Globex));
        Assert.Equal(created, Devices.FindByEndpoint("sensor-1"));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(128)]
    public async Task Create_PskKeyOf32_64Or128HexCharacters_IsAccepted(int length)
    {
        DeviceCreateResult result = await Devices.CreateAsync(Acme, "psk", ProfileId, new PskCredentials("psk-ep", "psk-id", Hex(length)));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((DeviceCredentialsType.Psk, "psk-id"), (result.Device!.CredentialsType, result.Device.Identity));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(127)]
    [InlineData(129)]
    [InlineData(16)]
    public async Task Create_PskKeyOfOtherLength_IsRejectedNamingTheField(int length)
    {
        DeviceCreateResult result = await Devices.CreateAsync(Acme, "psk", ProfileId, new PskCredentials("psk-ep", "psk-id", Hex(length)));

        Assert.Equal(DeviceCreateStatus.Invalid, result.Status);
        Assert.Equal($"credentials.key: a PSK key is 32, 64 or 128 hex characters, got {length}", result.Error);
        Assert.Null(Devices.FindByEndpoint("psk-ep"));
        Assert.Empty(await Store.ListAllAsync());
    }

    [Theory]
    [InlineData("000102030405060708090a0b0c0d0e0g")]
    [InlineData("00010203040506070809 a0b0c0d0e0f")]
    [InlineData("0x0102030405060708090a0b0c0d0e0f")]
    public async Task Create_PskKeyNotHex_IsRejectedWithoutEchoingTheKey(string key)
    {
        DeviceCreateResult result = await Devices.CreateAsync(Acme, "psk", ProfileId, new PskCredentials("psk-ep", "psk-id", key));

        Assert.Equal(DeviceCreateStatus.Invalid, result.Status);
        Assert.StartsWith("credentials.key: not hexadecimal", result.Error);
        Assert.DoesNotContain(key, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PskWithoutIdentity_IsRejectedNamingTheField()
    {
        DeviceCreateResult result = await Devices.CreateAsync(Acme, "psk", ProfileId, new PskCredentials("psk-ep", "", Key32));

        Assert.Equal("credentials.identity: required", result.Error);
    }

    [Theory]
    [InlineData("", "credentials.endpoint: required")]
    [InlineData("  ", "credentials.endpoint: required")]
    [InlineData("a\nb", "credentials.endpoint: contains a control character")]
    public async Task Create_BadEndpoint_IsRejectedNamingTheField(string endpoint, string error)
    {
        DeviceCreateResult result = await Devices.CreateAsync(Acme, "x", ProfileId, new NoSecCredentials(endpoint));

        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task Create_MissingNameProfileOrCredentials_IsRejectedNamingTheField()
    {
        Assert.Equal("name: required", (await Devices.CreateAsync(Acme, "", ProfileId, new NoSecCredentials("e"))).Error);
        Assert.Equal("profileId: required", (await Devices.CreateAsync(Acme, "n", Guid.Empty, new NoSecCredentials("e"))).Error);
        Assert.Equal("credentials: required", (await Devices.CreateAsync(Acme, "n", ProfileId, null!)).Error);
    }

    [Fact]
    public async Task Create_RpkWithP256SubjectPublicKeyInfo_IsAccepted()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string spki = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

        DeviceCreateResult result = await Devices.CreateAsync(Acme, "rpk", ProfileId, new RpkCredentials("rpk-ep", spki));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((DeviceCredentialsType.Rpk, spki), (result.Device!.CredentialsType, result.Device.Identity));
    }

    [Theory]
    [InlineData("not base64!", "credentials.publicKey: not base64")]
    [InlineData("AAECAwQFBgcICQ==", "credentials.publicKey: not the SubjectPublicKeyInfo of an EC public key")]
    [InlineData("", "credentials.publicKey: required")]
    public async Task Create_RpkNotAKey_IsRejectedNamingTheField(string publicKey, string error)
    {
        DeviceCreateResult result = await Devices.CreateAsync(Acme, "rpk", ProfileId, new RpkCredentials("rpk-ep", publicKey));

        Assert.Equal((DeviceCreateStatus.Invalid, error), (result.Status, result.Error));
    }

    [Fact]
    public async Task Create_X509WithSelfSignedCertificatePem_IsAcceptedAndShowsItsSubject()
    {
        string pem = SelfSignedCertificatePem("CN=x509-ep");

        DeviceCreateResult result = await Devices.CreateAsync(Acme, "x509", ProfileId, new X509Credentials("x509-ep", pem));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((DeviceCredentialsType.X509, "CN=x509-ep"), (result.Device!.CredentialsType, result.Device.Identity));
    }

    [Fact]
    public async Task Create_X509TrustedByCa_IsAccepted()
    {
        DeviceCreateResult result = await Devices.CreateAsync(Acme, "x509", ProfileId, new X509Credentials("x509-ep", null, TrustByCa: true));

        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.Device!.Identity);
    }

    [Theory]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", false, "credentials.certificate: not a PEM X.509 certificate")]
    [InlineData("hello", false, "credentials.certificate: not a PEM X.509 certificate")]
    [InlineData(null, false, "credentials.certificate: give either a client certificate (PEM) or trustByCa, not both and not neither")]
    public async Task Create_X509BadCertificate_IsRejectedNamingTheField(string? pem, bool trustByCa, string error)
    {
        DeviceCreateResult result = await Devices.CreateAsync(Acme, "x509", ProfileId, new X509Credentials("x509-ep", pem, trustByCa));

        Assert.Equal((DeviceCreateStatus.Invalid, error), (result.Status, result.Error));
    }

    [Fact]
    public async Task Create_EndpointTaken_IsAConflictAcrossTenants()
    {
        Assert.True((await Devices.CreateAsync(Acme, "a", ProfileId, new NoSecCredentials("shared"))).Succeeded);

        DeviceCreateResult again = await Devices.CreateAsync(Globex, "b", ProfileId, new PskCredentials("shared", "other-id", Key32));

        Assert.Equal(DeviceCreateStatus.Conflict, again.Status);
        Assert.Equal("credentials.endpoint: endpoint 'shared' is already used by another device", again.Error);
        Assert.Single(await Store.ListAllAsync());
    }

    [Fact]
    public async Task Create_PskIdentityTaken_IsAConflict()
    {
        Assert.True((await Devices.CreateAsync(Acme, "a", ProfileId, new PskCredentials("ep-a", "identity", Key32))).Succeeded);

        DeviceCreateResult again = await Devices.CreateAsync(Globex, "b", ProfileId, new PskCredentials("ep-b", "identity", Key32));

        Assert.Equal(DeviceCreateStatus.Conflict, again.Status);
        Assert.Equal("credentials.identity: PSK identity 'identity' is already used by another device", again.Error);
    }

    [Fact]
    public async Task Reads_NeverShowThePskKey()
    {
        const string key = "d1e2a3d4b5e6e7f8d1e2a3d4b5e6e7f8";
        DeviceCreateResult result = await Devices.CreateAsync(Acme, "psk", ProfileId, new PskCredentials("psk-ep", "psk-id", key));
        Device stored = Assert.Single(await Store.ListAllAsync());

        Assert.Equal(key, ((PskCredentials)stored.Credentials).KeyHex);
        foreach (string text in new[]
        {
            result.Device!.ToString(), result.ToString(), (await Devices.GetAsync(Acme, result.Device.Id))!.ToString(),
            stored.ToString(), stored.Credentials.ToString(), string.Join(",", await Devices.ListAsync(Acme)),
        })
        {
            Assert.DoesNotContain(key, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("psk-id", stored.Credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(DeviceInfo).GetProperties(), p => p.PropertyType == typeof(DeviceCredentials) || p.Name.Contains("Key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_ByOwner_RemovesTheDeviceAndFreesItsEndpoint()
    {
        DeviceInfo device = (await Devices.CreateAsync(Acme, "a", ProfileId, new PskCredentials("ep", "id", Key32))).Device!;

        Assert.Null(await Devices.DeleteAsync(Globex, device.Id));
        Assert.Equal(device, await Devices.DeleteAsync(Acme, device.Id));

        Assert.Null(await Devices.GetAsync(Acme, device.Id));
        Assert.Null(Devices.FindByEndpoint("ep"));
        Assert.Empty(await Store.ListAllAsync());
        Assert.Null(await Devices.DeleteAsync(Acme, device.Id));
        Assert.True((await Devices.CreateAsync(Globex, "b", ProfileId, new PskCredentials("ep", "id", Key32))).Succeeded);
    }

    [Fact]
    public async Task Store_WritesReturnWhatTheyReplacedOrRemoved()
    {
        var device = new Device
        {
            Id = Guid.NewGuid(), Tenant = Acme, Name = "a", ProfileId = ProfileId,
            Credentials = new RpkCredentials("ep", "AAAA"), CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
        };

        Assert.Null(await Store.UpsertAsync(device));
        Device renamed = device with { Name = "b", Credentials = new X509Credentials("ep2", null, true) };
        Assert.Equal(device, await Store.UpsertAsync(renamed));
        Assert.Equal(renamed, await Store.GetAsync(device.Id));
        Assert.Equal([renamed], await Store.ListAsync(Acme));
        Assert.Equal(renamed, await Store.DeleteAsync(device.Id));
        Assert.Null(await Store.DeleteAsync(device.Id));
        Assert.Null(await Store.GetAsync(device.Id));
    }

    [Fact]
    public async Task Store_SecondDeviceWithSameEndpointOrPskIdentity_Throws()
    {
        Device first = NewDevice(new PskCredentials("ep", "id", Key32));
        await Store.UpsertAsync(first);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpsertAsync(NewDevice(new NoSecCredentials("ep"))));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpsertAsync(NewDevice(new PskCredentials("ep2", "id", Key32))));
        Assert.Equal([first], await Store.ListAllAsync());
    }

    [Fact]
    public async Task Created_Devices_SurviveAReopenWithTheirCredentials()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DeviceCredentials[] credentials =
        [
            new NoSecCredentials("nosec"),
            new PskCredentials("psk", "psk-id", Hex(64)),
            new RpkCredentials("rpk", Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())),
            new X509Credentials("x509", SelfSignedCertificatePem("CN=x509")),
            new X509Credentials("x509-ca", null, true),
        ];
        foreach (DeviceCredentials c in credentials)
        {
            Assert.True((await Devices.CreateAsync(Acme, c.Endpoint, ProfileId, c)).Succeeded);
        }

        await Devices.DisposeAsync();
        Store = await ReopenStoreAsync();
        Devices = await DeviceService.OpenAsync(Store);

        Assert.Equal(credentials.OrderBy(c => c.Endpoint, StringComparer.Ordinal), (await Store.ListAsync(Acme)).Select(d => d.Credentials));
        Assert.Equal(DeviceCredentialsType.Psk, Devices.FindByEndpoint("psk")!.CredentialsType);
        Assert.Equal(DeviceCreateStatus.Conflict, (await Devices.CreateAsync(Globex, "again", ProfileId, new NoSecCredentials("rpk"))).Status);
    }

    [Fact]
    public void Authorize_UnknownEndpoint_IsRefused()
    {
        var authorizer = new DeviceRegistrationAuthorizer(Devices);

        Assert.Equal("no device for endpoint stranger", authorizer.Authorize(Register("stranger"), Client));
        Assert.Equal(0, Devices.Count);
    }

    [Fact]
    public async Task Authorize_NoSecDevice_IsAcceptedAndDtlsDevicesAreRefusedOnThePlainPort()
    {
        await Devices.CreateAsync(Acme, "n", ProfileId, new NoSecCredentials("nosec"));
        await Devices.CreateAsync(Acme, "p", ProfileId, new PskCredentials("psk", "psk-id", Key32));
        await Devices.CreateAsync(Acme, "x", ProfileId, new X509Credentials("x509", null, true));
        var authorizer = new DeviceRegistrationAuthorizer(Devices, new ProvisioningOptions { AutoProvisionNoSec = true, DefaultProfileId = ProfileId });

        Assert.Null(authorizer.Authorize(Register("nosec"), Client));
        Assert.Equal("endpoint psk requires DTLS (PSK)", authorizer.Authorize(Register("psk"), Client));
        Assert.Equal("endpoint x509 requires DTLS (X.509)", authorizer.Authorize(Register("x509"), Client));
        Assert.Equal(3, Devices.Count);
    }

    [Fact]
    public async Task Authorize_AutoProvisioningOn_CreatesAMarkedNoSecDeviceThatIsPersisted()
    {
        var options = new ProvisioningOptions { AutoProvisionNoSec = true, Tenant = "acme" };
        var authorizer = new DeviceRegistrationAuthorizer(Devices, options, () => ProfileId);

        Assert.Null(authorizer.Authorize(Register("newcomer"), Client));
        Assert.Null(authorizer.Authorize(Register("newcomer"), Client));

        DeviceInfo device = Assert.Single(await Devices.ListAsync(Acme));
        Assert.Equal(("newcomer", "newcomer", DeviceCredentialsType.NoSec, true, ProfileId), (device.Name, device.Endpoint, device.CredentialsType, device.AutoProvisioned, device.ProfileId));
        await Devices.DisposeAsync();
        Store = await ReopenStoreAsync();
        Devices = await DeviceService.OpenAsync(Store);
        Device stored = Assert.Single(await Store.ListAllAsync());
        Assert.Equal((device.Id, Acme, true), (stored.Id, stored.Tenant, stored.AutoProvisioned));
        Assert.Equal(device, Devices.FindByEndpoint("newcomer"));
    }

    [Fact]
    public async Task Authorize_ConcurrentRegistersOfNewEndpoints_EachBecomesOneDeviceAndAllAreStoredOnDispose()
    {
        var authorizer = new DeviceRegistrationAuthorizer(Devices, new ProvisioningOptions { AutoProvisionNoSec = true, DefaultProfileId = ProfileId });

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => Assert.Null(authorizer.Authorize(Register($"load-{i % 100}"), Client)));
        await Devices.DisposeAsync();

        Assert.Equal(100, Devices.Count);
        Assert.Equal(100, (await Store.ListAllAsync()).Count);
        Store = await ReopenStoreAsync();
        Devices = await DeviceService.OpenAsync(Store);
        Assert.Equal(100, Devices.Count);
    }

    [Fact]
    public async Task Authorize_AutoProvisioningWithoutAProfile_IsRefused()
    {
        var authorizer = new DeviceRegistrationAuthorizer(Devices, new ProvisioningOptions { AutoProvisionNoSec = true }, () => null);

        Assert.Equal("no device for endpoint e (auto-provisioning has no default profile)", authorizer.Authorize(Register("e"), Client));
        await Devices.FlushAsync();
        Assert.Empty(await Store.ListAllAsync());
    }

    [Fact]
    public async Task Delete_OfAnAutoProvisionedDevice_BeforeItIsWritten_LeavesNothingStored()
    {
        var authorizer = new DeviceRegistrationAuthorizer(Devices, new ProvisioningOptions { AutoProvisionNoSec = true, DefaultProfileId = ProfileId });
        Assert.Null(authorizer.Authorize(Register("short-lived"), Client));

        DeviceInfo device = Devices.FindByEndpoint("short-lived")!;
        Assert.NotNull(await Devices.DeleteAsync(TenantId.System, device.Id));
        await Devices.FlushAsync();

        Assert.Empty(await Store.ListAllAsync());
    }

    internal static string SelfSignedCertificatePem(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem();
    }

    private static string Hex(int length) => string.Concat(Enumerable.Range(0, length).Select(i => "0123456789abcdef"[i % 16]));

    private static RegistrationParameters Register(string endpoint) => new() { Endpoint = endpoint, LifetimeSeconds = 60 };

    private static Device NewDevice(DeviceCredentials credentials) => new()
    {
        Id = Guid.NewGuid(), Tenant = Acme, Name = credentials.Endpoint, ProfileId = ProfileId, Credentials = credentials,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
    };
}
