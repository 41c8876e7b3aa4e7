using System.Net;
using System.Net.Sockets;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Downlink;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Rpc;
using FastLwm2m.Platform.Sessions;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Platform.TransportLog;
using FastLwm2m.Transport;
using FastLwm2m.Transport.Tests.TestSupport;

namespace FastLwm2m.Platform.Tests.Performance;

/// <summary>
/// The commonest datagram of a fleet, measured through the whole platform: a registration Update
/// that changes nothing, with the device authorizer, the session manager and the downlink queue
/// hooked to the server as the host wires them. None of them may allocate (or query the store) for it.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class UpdateAllocationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TenantId Tenant = new("acme");

    [Fact]
    public async Task TenThousandEmptyUpdates_ThroughSessionsAndTheDownlinkQueue_AllocateNothing()
    {
        var library = new ModelLibrary(new InMemoryModelStore(), ObjectModelRepository.CreateWithCoreModels());
        var profiles = new ProfileService(new InMemoryProfileStore(), library);
        // A profile without objects: the session has nothing to read or observe, so no request to the raw client below.
        ProfileSaveResult profile = await profiles.CreateAsync(Tenant, new DeviceProfile { Name = "bare" });
        Assert.True(profile.Succeeded, profile.Error);
        await using DeviceService devices = await DeviceService.OpenAsync(new InMemoryDeviceStore());
        Assert.True((await devices.CreateAsync(Tenant, "alloc-1", profile.Profile!.Id, new NoSecCredentials("alloc-1"))).Succeeded);

        var server = new Lwm2mServer(new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
            Authorizer = new DeviceRegistrationAuthorizer(devices),
            DeferNotificationAcknowledgement = true,
        });
        var log = new InMemoryTransportLog();
        var telemetry = new TelemetryPipeline(new InMemoryTelemetryStore());
        var sessions = new DeviceSessionManager(server, devices, profiles, telemetry, new InMemoryAttributeStore(), log);
        var queue = new DownlinkQueue(server, new InMemoryDownlinkQueueStore(), new RpcService(server), log, new DownlinkQueueOptions { ExpiryScanInterval = TimeSpan.Zero });
        var initialized = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sessions.Initialized += (_, _) => initialized.TrySetResult();
        server.Start();
        try
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            client.ReceiveTimeout = 10_000;
            var to = new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port).Serialize();
            var from = new SocketAddress(AddressFamily.InterNetwork);
            byte[] reply = new byte[512];

            var register = CoapMessage.Request(CoapCode.Post, "rd");
            register.Token = new CoapToken([9, 9, 9, 9]);
            register.AddUriQuery("ep=alloc-1");
            register.AddUriQuery("lt=300");
            register.AddUriQuery("lwm2m=1.1");
            register.ContentFormat = CoapContentFormat.LinkFormat;
            register.Payload = "</1/0>,</3/0>"u8.ToArray();
            byte[] registerBytes = register.ToArray();
            registerBytes[2] = 0xFF;
            registerBytes[3] = 0xFF;
            client.SendTo(registerBytes, SocketFlags.None, to);
            int n = client.ReceiveFrom(reply, SocketFlags.None, from);
            Assert.True(n > 4 && reply[1] == CoapCode.Created.Value, "Register not answered 2.01");
            string location = server.Registrations.Store.GetByEndpoint("alloc-1")!.Id;
            await initialized.Task.WaitAsync(TimeSpan.FromSeconds(10));

            // One pre-encoded empty Update; only the message ID changes.
            var update = CoapMessage.Request(CoapCode.Post, "rd/" + location);
            update.Token = new CoapToken([1, 2, 3, 4, 5, 6, 7, 8]);
            byte[] request = update.ToArray();
            ushort messageId = 0;
            void RoundTrips(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    messageId++;
                    request[2] = (byte)(messageId >> 8);
                    request[3] = (byte)messageId;
                    client.SendTo(request, SocketFlags.None, to);
                    int received = client.ReceiveFrom(reply, SocketFlags.None, from);
                    if (received < 4 || reply[1] != CoapCode.Changed.Value || reply[2] != request[2] || reply[3] != request[3])
                    {
                        throw new InvalidOperationException($"unexpected reply to Update {messageId}");
                    }
                }
            }

            RoundTrips(2_000); // warm-up: JIT tiers, the peer's dedup ring grown to its capacity

            // The smallest of up to three runs (a tiered-JIT promotion can land in one; an allocation per Update shows in all).
            const int Count = 10_000;
            long allocated = Allocations.InProcess(() => RoundTrips(Count));

            output.WriteLine($"{allocated} bytes allocated for {Count} Updates");
            Assert.True(sessions.HasSession("alloc-1"));

            // 32 KiB over 10,000 Updates is < 4 bytes each: the runtime's own background work allocates a
            // few KiB now and then; one object per Update (24+ bytes) would be ≥ 240 KB and fail, and a
            // store query per Update (the bug this guards) allocates far more.
            Assert.True(allocated < 32 * 1024, $"{allocated} bytes allocated for {Count} Updates ({(double)allocated / Count:F2} B/Update)");
        }
        finally
        {
            await queue.DisposeAsync();
            await sessions.DisposeAsync();
            await server.StopAsync();
            await telemetry.DisposeAsync();
        }
    }
}
