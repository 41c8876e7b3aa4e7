using FastLwm2m.Control.V1;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using Grpc.Core;
using NotificationAttributes = FastLwm2m.Control.V1.NotificationAttributes;

namespace FastLwm2m.Control.Tests;

/// <summary>fastlwm2m.v1.Operations end to end: typed requests to a real client-library device.</summary>
[Collection(ControlCollection.Name)]
public sealed class OperationsServiceTests(ControlTestHost host)
{
    private readonly Operations.OperationsClient _operations = new(host.Channel);

    [Fact]
    public async Task Read_SingleResource_ReturnsTheTypedInteger()
    {
        await WithDeviceAsync("op-read", async (device, client) =>
        {
            client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(87));

            ReadResponse response = await _operations.ReadAsync(new ReadRequest { Device = device, Target = Path("/3/0/9") }, ControlTestHost.As());

            Assert.Equal("CONTENT", response.Result);
            Assert.True(response.Success);
            Assert.Equal("", response.Error);
            Assert.Equal("", response.QueuedRequestId);
            Assert.Equal(Node.KindOneofCase.SingleResource, response.Node.KindCase);
            Assert.Equal(9, response.Node.SingleResource.Id);
            Assert.Equal(Value.KindOneofCase.Integer, response.Node.SingleResource.Value.KindCase);
            Assert.Equal(87, response.Node.SingleResource.Value.Integer);
        });
    }

    [Fact]
    public async Task Read_Instance_ReturnsItsTypedResources()
    {
        await WithDeviceAsync("op-inst", async (device, client) =>
        {
            client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(42));

            ReadResponse response = await _operations.ReadAsync(new ReadRequest { Device = device, Target = Path("/3/0") }, ControlTestHost.As());

            Assert.Equal("CONTENT", response.Result);
            Assert.Equal(Node.KindOneofCase.ObjectInstance, response.Node.KindCase);
            ObjectInstance instance = response.Node.ObjectInstance;
            Assert.Equal(0, instance.Id);
            Assert.True(instance.Resources.Count > 3, $"{instance.Resources.Count} resources");
            Resource battery = Assert.Single(instance.Resources, r => r.Single?.Id == 9);
            Assert.Equal(42, battery.Single.Value.Integer);
            // Available Power Sources (/3/0/6) is a multiple resource.
            Resource power = Assert.Single(instance.Resources, r => r.Multiple?.Id == 6);
            Assert.NotEmpty(power.Multiple.Instances);
            Assert.All(power.Multiple.Instances, i => Assert.Equal(Value.KindOneofCase.Integer, i.Value.KindCase));
        });
    }

    [Fact]
    public async Task Read_ByKey_ReadsThePathTheKeyResolverMaps()
    {
        await WithDeviceAsync("op-key", async (device, client) =>
        {
            client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(55));

            ReadResponse response = await _operations.ReadAsync(
                new ReadRequest { Device = device, Target = new Target { Key = "batteryLevel" } }, ControlTestHost.As());

            Assert.Equal("CONTENT", response.Result);
            Assert.Equal(9, response.Node.SingleResource.Id);
            Assert.Equal(55, response.Node.SingleResource.Value.Integer);
        });
    }

    [Fact]
    public async Task Read_UnknownKey_IsInvalidArgumentNamingTarget()
    {
        await WithDeviceAsync("op-badkey", async (device, _) =>
        {
            RpcException e = await Assert.ThrowsAsync<RpcException>(() => _operations.ReadAsync(
                new ReadRequest { Device = device, Target = new Target { Key = "noSuchKey" } }, ControlTestHost.As()).ResponseAsync);

            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            Assert.StartsWith("target:", e.Status.Detail);
            Assert.Contains("noSuchKey", e.Status.Detail);
        });
    }

    [Fact]
    public async Task WriteReplace_String_ThenReadBack()
    {
        await WithDeviceAsync("op-write", async (device, client) =>
        {
            WriteResponse written = await _operations.WriteAsync(
                new WriteRequest { Device = device, Target = Path("/3/0/15"), Replace = true, Value = new Value { String = "Europe/Kyiv" } },
                ControlTestHost.As());
            ReadResponse read = await _operations.ReadAsync(new ReadRequest { Device = device, Target = Path("/3/0/15") }, ControlTestHost.As());

            Assert.Equal("CHANGED", written.Result);
            Assert.True(written.Success);
            Assert.Equal("Europe/Kyiv", client.GetInstance(3, 0)!.GetValue(15)?.AsString());
            Assert.Equal("Europe/Kyiv", read.Node.SingleResource.Value.String);
        });
    }

    [Fact]
    public async Task WriteUpdate_InstanceNode_WritesItsResources()
    {
        await WithDeviceAsync("op-node", async (device, client) =>
        {
            var instance = new ObjectInstance { Id = 0 };
            instance.Resources.Add(new Resource { Single = new SingleResource { Id = 14, Value = new Value { String = "+02" } } });
            instance.Resources.Add(new Resource { Single = new SingleResource { Id = 15, Value = new Value { String = "Europe/Rome" } } });

            WriteResponse written = await _operations.WriteAsync(
                new WriteRequest { Device = device, Target = Path("/3/0"), Node = new Node { ObjectInstance = instance } },
                ControlTestHost.As());

            Assert.Equal("CHANGED", written.Result);
            Assert.Equal("+02", client.GetInstance(3, 0)!.GetValue(14)?.AsString());
            Assert.Equal("Europe/Rome", client.GetInstance(3, 0)!.GetValue(15)?.AsString());
        });
    }

    [Fact]
    public async Task Write_TimeBooleanAndOpaque_AreTypedByTheModelAndReadBack()
    {
        await WithDeviceAsync("op-types", async (device, client) =>
        {
            var time = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 1_700_000_000 };
            var request = new WriteCompositeRequest { Device = device };
            request.Entries.Add(new WriteCompositeEntry { Target = Path("/3/0/13"), Value = new Value { Time = time } });
            request.Entries.Add(new WriteCompositeEntry { Target = Path("/1/0/6"), Value = new Value { Boolean = false } });
            request.Entries.Add(new WriteCompositeEntry
            {
                Target = Path("/19/0/0/0"),
                Node = new Node { ResourceInstance = new ResourceInstance { Id = 0, Value = new Value { Opaque = Google.Protobuf.ByteString.CopyFrom(0xCA, 0xFE, 0x00) } } },
            });

            WriteCompositeResponse written = await _operations.WriteCompositeAsync(request, ControlTestHost.As());
            var read = new ReadCompositeRequest { Device = device };
            read.Targets.Add(request.Entries.Select(e => e.Target));
            ReadCompositeResponse values = await _operations.ReadCompositeAsync(read, ControlTestHost.As());

            Assert.Equal("CHANGED", written.Result);
            // Current Time keeps running from the time written.
            Assert.InRange(client.Device!.CurrentTime.ToUnixTimeSeconds(), 1_700_000_000, 1_700_000_010);
            Assert.Equal("CONTENT", values.Result);
            Assert.Equal(Value.KindOneofCase.Time, values.Nodes[0].Node.SingleResource.Value.KindCase);
            Assert.InRange(values.Nodes[0].Node.SingleResource.Value.Time.Seconds, 1_700_000_000, 1_700_000_010);
            Assert.Equal(Value.KindOneofCase.Boolean, values.Nodes[1].Node.SingleResource.Value.KindCase);
            Assert.False(values.Nodes[1].Node.SingleResource.Value.Boolean);
            Assert.Equal(new byte[] { 0xCA, 0xFE, 0x00 }, values.Nodes[2].Node.ResourceInstance.Value.Opaque.ToByteArray());
        });
    }

    [Fact]
    public async Task Read_OnDeviceThatDoesNotAnswer_IsDeadlineExceeded()
    {
        string endpoint = ControlTestHost.NewEndpoint("op-silent");
        await CreateDeviceAsync(endpoint);
        Lwm2mClient client = await host.StartClientAsync(endpoint);
        await client.StopAsync(deregister: false).WaitAsync(ControlTestHost.Timeout);

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _operations.ReadAsync(
            new ReadRequest { Device = new DeviceRef { Endpoint = endpoint }, Target = Path("/3/0/9") }, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        Assert.Contains(endpoint, e.Status.Detail);
    }

    [Fact]
    public async Task Write_StringToIntegerResource_IsInvalidArgumentNamingValue()
    {
        await WithDeviceAsync("op-badval", async (device, _) =>
        {
            RpcException e = await Assert.ThrowsAsync<RpcException>(() => _operations.WriteAsync(
                new WriteRequest { Device = device, Target = Path("/1/0/1"), Replace = true, Value = new Value { String = "abc" } },
                ControlTestHost.As()).ResponseAsync);

            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            Assert.StartsWith("value:", e.Status.Detail);
            Assert.Contains("abc", e.Status.Detail);
        });
    }

    [Fact]
    public async Task Write_NodeNotFittingTheTarget_IsInvalidArgumentNamingNode()
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _operations.WriteAsync(
            new WriteRequest
            {
                Device = new DeviceRef { Endpoint = "nobody" },
                Target = Path("/3/0/15"),
                Node = new Node { SingleResource = new SingleResource { Id = 14, Value = new Value { String = "x" } } },
            },
            ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("node.single_resource.id:", e.Status.Detail);
    }

    [Fact]
    public async Task WriteAttributes_ThenDiscover_ShowsThem()
    {
        await WithDeviceAsync("op-attr", async (device, _) =>
        {
            WriteAttributesResponse written = await _operations.WriteAttributesAsync(
                new WriteAttributesRequest { Device = device, Target = Path("/3/0/9"), Attributes = new NotificationAttributes { Pmin = 10, Pmax = 60 } },
                ControlTestHost.As());
            DiscoverResponse discovered = await _operations.DiscoverAsync(new DiscoverRequest { Device = device, Target = Path("/3/0/9") }, ControlTestHost.As());

            Assert.Equal("CHANGED", written.Result);
            Assert.Equal("CONTENT", discovered.Result);
            Link link = Assert.Single(discovered.Links);
            Assert.Equal("/3/0/9", link.Url);
            Assert.Equal("10", link.Attributes["pmin"]);
            Assert.Equal("60", link.Attributes["pmax"]);
        });
    }

    [Fact]
    public async Task ReadComposite_TwoPaths_ReturnsBothNodes()
    {
        await WithDeviceAsync("op-comp", async (device, client) =>
        {
            client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(33));
            var request = new ReadCompositeRequest { Device = device };
            request.Targets.Add(Path("/3/0/9"));
            request.Targets.Add(Path("/1/0/1"));

            ReadCompositeResponse response = await _operations.ReadCompositeAsync(request, ControlTestHost.As());

            Assert.Equal("CONTENT", response.Result);
            Assert.Equal(["/3/0/9", "/1/0/1"], response.Nodes.Select(n => n.Path));
            Assert.Equal(33, response.Nodes[0].Node.SingleResource.Value.Integer);
            Assert.Equal(Node.KindOneofCase.SingleResource, response.Nodes[1].Node.KindCase);
            Assert.Equal(1, response.Nodes[1].Node.SingleResource.Id);
        });
    }

    [Fact]
    public async Task WriteComposite_TwoEntries_WritesBoth()
    {
        await WithDeviceAsync("op-wcomp", async (device, client) =>
        {
            var request = new WriteCompositeRequest { Device = device };
            request.Entries.Add(new WriteCompositeEntry { Target = Path("/3/0/14"), Value = new Value { String = "+03" } });
            request.Entries.Add(new WriteCompositeEntry { Target = new Target { Key = "timezone" }, Value = new Value { String = "Europe/Athens" } });

            WriteCompositeResponse response = await _operations.WriteCompositeAsync(request, ControlTestHost.As());

            Assert.Equal("CHANGED", response.Result);
            Assert.Equal("+03", client.GetInstance(3, 0)!.GetValue(14)?.AsString());
            Assert.Equal("Europe/Athens", client.GetInstance(3, 0)!.GetValue(15)?.AsString());
        });
    }

    [Fact]
    public async Task Execute_Reboot_RunsOnTheDevice()
    {
        await WithDeviceAsync("op-exec", async (device, client) =>
        {
            var rebooted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.GetInstance(3, 0)!.Executed += (_, id, _) =>
            {
                if (id == 4)
                {
                    rebooted.TrySetResult();
                }
            };

            ExecuteResponse response = await _operations.ExecuteAsync(new ExecuteRequest { Device = device, Target = Path("/3/0/4") }, ControlTestHost.As());

            Assert.Equal("CHANGED", response.Result);
            await rebooted.Task.WaitAsync(ControlTestHost.Timeout);
        });
    }

    [Fact]
    public async Task CreateThenDelete_AnInstanceOfObject19()
    {
        await WithDeviceAsync("op-create", async (device, client) =>
        {
            var data = new MultipleResource { Id = 0 };
            data.Instances.Add(new ResourceInstance { Id = 0, Value = new Value { Opaque = Google.Protobuf.ByteString.CopyFrom(0x01, 0xAD) } });
            var request = new CreateRequest { Device = device, Target = Path("/19") };
            request.Resources.Add(new Resource { Multiple = data });

            CreateResponse created = await _operations.CreateAsync(request, ControlTestHost.As());

            Assert.Equal("CREATED", created.Result);
            Assert.Equal("/19/1", created.Location);
            InstanceEnabler? instance = client.GetInstance(19, 1);
            Assert.NotNull(instance);
            Assert.Equal(new byte[] { 0x01, 0xAD }, ((Lwm2mMultipleResource)instance.GetResource(0)!).Instances[0].Value.AsOpaque());

            DeleteResponse deleted = await _operations.DeleteAsync(new DeleteRequest { Device = device, Target = Path(created.Location) }, ControlTestHost.As());

            Assert.Equal("DELETED", deleted.Result);
            Assert.Null(client.GetInstance(19, 1));
        });
    }

    [Fact]
    public async Task Observe_ThenObserveReadAll_ListsThePath_AndObserveCancelAllCancelsIt()
    {
        await WithDeviceAsync("op-obs", async (device, client) =>
        {
            client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(77));

            ObserveResponse observed = await _operations.ObserveAsync(new ObserveRequest { Device = device, Target = Path("/3/0/9") }, ControlTestHost.As());
            ObserveReadAllResponse all = await _operations.ObserveReadAllAsync(new ObserveReadAllRequest { Device = device }, ControlTestHost.As());
            ObserveCancelAllResponse cancelled = await _operations.ObserveCancelAllAsync(new ObserveCancelAllRequest { Device = device }, ControlTestHost.As());
            ObserveReadAllResponse after = await _operations.ObserveReadAllAsync(new ObserveReadAllRequest { Device = device }, ControlTestHost.As());

            Assert.Equal("CONTENT", observed.Result);
            Assert.Equal(77, observed.Node.SingleResource.Value.Integer);
            Assert.Equal(["/3/0/9"], all.Paths);
            Assert.Equal("CONTENT", cancelled.Result);
            Assert.Equal(1u, cancelled.Cancelled);
            Assert.Empty(after.Paths);
        });
    }

    [Fact]
    public async Task ObserveComposite_ThenObserveCompositeCancel_CountsOne()
    {
        await WithDeviceAsync("op-obsc", async (device, _) =>
        {
            var observe = new ObserveCompositeRequest { Device = device };
            observe.Targets.Add(Path("/3/0/9"));
            observe.Targets.Add(Path("/3/0/15"));
            var cancel = new ObserveCompositeCancelRequest { Device = device };
            cancel.Targets.Add(observe.Targets);

            ObserveCompositeResponse observed = await _operations.ObserveCompositeAsync(observe, ControlTestHost.As());
            ObserveCompositeCancelResponse cancelled = await _operations.ObserveCompositeCancelAsync(cancel, ControlTestHost.As());

            Assert.Equal("CONTENT", observed.Result);
            Assert.Equal(["/3/0/9", "/3/0/15"], observed.Nodes.Select(n => n.Path));
            Assert.Equal(1u, cancelled.Cancelled);
        });
    }

    [Fact]
    public async Task DiscoverAll_ListsTheDevicesObjects()
    {
        await WithDeviceAsync("op-dall", async (device, _) =>
        {
            DiscoverAllResponse response = await _operations.DiscoverAllAsync(new DiscoverAllRequest { Device = device }, ControlTestHost.As());

            Assert.Equal("CONTENT", response.Result);
            Assert.Equal("/", response.Links[0].Url);
            Assert.Equal("oma.lwm2m", response.Links[0].Attributes["rt"]);
            string[] urls = response.Links.Select(l => l.Url).ToArray();
            Assert.Contains("/1/0", urls);
            Assert.Contains("/3/0", urls);
            Assert.Contains("/19/0", urls);
        });
    }

    [Fact]
    public async Task Read_WithoutTarget_IsInvalidArgumentNamingTarget()
    {
        string endpoint = ControlTestHost.NewEndpoint("op-notarget");
        await CreateDeviceAsync(endpoint);

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _operations.ReadAsync(
            new ReadRequest { Device = new DeviceRef { Endpoint = endpoint } }, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("target: path or key required", e.Status.Detail);
    }

    [Fact]
    public async Task Read_UnknownDevice_IsNotFound()
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _operations.ReadAsync(
            new ReadRequest { Device = new DeviceRef { Endpoint = "nobody" }, Target = Path("/3/0/9") }, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task Read_UnregisteredDevice_IsFailedPrecondition()
    {
        string endpoint = ControlTestHost.NewEndpoint("op-asleep");
        await CreateDeviceAsync(endpoint);

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _operations.ReadAsync(
            new ReadRequest { Device = new DeviceRef { Endpoint = endpoint }, Target = Path("/3/0/9") }, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal($"device {endpoint} is not registered", e.Status.Detail);
    }

    [Fact]
    public async Task Read_ForAnotherTenantsDevice_IsNotFound()
    {
        await WithDeviceAsync("op-tenant", async (device, _) =>
        {
            RpcException e = await Assert.ThrowsAsync<RpcException>(() => _operations.ReadAsync(
                new ReadRequest { Device = device, Target = Path("/3/0/9") }, ControlTestHost.As("someone-else")).ResponseAsync);

            Assert.Equal(StatusCode.NotFound, e.StatusCode);
        });
    }

    [Fact]
    public async Task Read_OnSleepingQueueModeDevice_IsQueuedWithTheRequestId()
    {
        ControlTestHost sleepy = ControlTestHost.WithSleepingQueueModeClients();
        await sleepy.InitializeAsync();
        try
        {
            var operations = new Operations.OperationsClient(sleepy.Channel);
            string endpoint = ControlTestHost.NewEndpoint("op-queued");
            await sleepy.CreateNoSecDeviceAsync(endpoint);
            Lwm2mClient client = await sleepy.StartClientAsync(endpoint, queueMode: true);
            try
            {
                ReadResponse response = await operations.ReadAsync(
                    new ReadRequest { Device = new DeviceRef { Endpoint = endpoint }, Target = Path("/3/0/9") }, ControlTestHost.As());

                Assert.Equal("QUEUED", response.Result);
                Assert.True(response.Success);
                Assert.True(Guid.TryParse(response.QueuedRequestId, out _), response.QueuedRequestId);
                Assert.Null(response.Node);
                Assert.Contains(await sleepy.TransportLog.GetAsync(endpoint), l => l.Message.Contains($"Downlink queued [{response.QueuedRequestId}]", StringComparison.Ordinal));
            }
            finally
            {
                await client.StopAsync().WaitAsync(ControlTestHost.Timeout);
            }
        }
        finally
        {
            await sleepy.DisposeAsync();
        }
    }

    private static Target Path(string path) => new() { Path = path };

    private async Task WithDeviceAsync(string prefix, Func<DeviceRef, Lwm2mClient, Task> test)
    {
        string endpoint = ControlTestHost.NewEndpoint(prefix);
        await CreateDeviceAsync(endpoint);
        Lwm2mClient client = await host.StartClientAsync(endpoint);
        try
        {
            await test(new DeviceRef { Endpoint = endpoint }, client);
        }
        finally
        {
            await client.StopAsync().WaitAsync(ControlTestHost.Timeout);
        }
    }

    private Task CreateDeviceAsync(string endpoint) => host.CreateNoSecDeviceAsync(endpoint);

}
