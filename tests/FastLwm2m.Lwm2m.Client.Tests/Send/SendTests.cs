using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Lwm2m.Client.Tests.Send;

/// <summary>Send (Core §6.4.5): the client posts values to /dp.</summary>
public class SendTests
{
    public static TheoryData<ushort> CompositeFormats => TestBed.CompositeFormats;

    [Theory]
    [MemberData(nameof(CompositeFormats))]
    public async Task SendOfCurrentValues_ReachesTheServer(ushort format)
    {
        await using var bed = await TestBed.StartAsync();
        var received = new TaskCompletionSource<IReadOnlyList<TimestampedNode>>(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Server.DataReceived += (registration, nodes) => received.TrySetResult(nodes);
        bed.Client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(64));

        var send = await bed.Client.SendAsync([Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/6/0")], format).WaitAsync(TestBed.Timeout);

        Assert.Equal(Lwm2mResponseCode.Changed, send.Code);
        var nodes = await received.Task.WaitAsync(TestBed.Timeout);
        var values = Composite.CompositeTests.Flatten(nodes.Select(n => new KeyValuePair<Lwm2mPath, Lwm2mNode?>(n.Path, n.Node)).ToList());
        Assert.Equal(Lwm2mValue.FromInteger(64), values[Lwm2mPath.Parse("/3/0/9")]);
        Assert.True(values.ContainsKey(Lwm2mPath.Parse("/6/0/1")));
    }

    [Fact]
    public async Task SendOfMeasurementsWithTheirTimes()
    {
        await using var bed = await TestBed.StartAsync();
        var received = new TaskCompletionSource<IReadOnlyList<TimestampedNode>>(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Server.DataReceived += (_, nodes) => received.TrySetResult(nodes);
        var t1 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var path = Lwm2mPath.Parse("/3/0/9");

        var send = await bed.Client.SendAsync(
        [
            new TimestampedNode(t1, path, new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(50))),
            new TimestampedNode(t1.AddMinutes(1), path, new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(49))),
        ]).WaitAsync(TestBed.Timeout);

        Assert.Equal(Lwm2mResponseCode.Changed, send.Code);
        var nodes = await received.Task.WaitAsync(TestBed.Timeout);
        Assert.Equal([t1, t1.AddMinutes(1)], nodes.Select(n => n.Timestamp!.Value));
    }

    [Fact]
    public async Task SendRefusedByTheServer_Reports503()
    {
        await using var bed = await TestBed.StartAsync();
        bed.Server.SendHandler = (_, _) => false;

        var send = await bed.Client.SendAsync([Lwm2mPath.Parse("/3/0/9")]).WaitAsync(TestBed.Timeout);

        Assert.Equal(Lwm2mResponseCode.ServiceUnavailable, send.Code);
    }

    [Fact]
    public async Task SendOfAnUnreadablePath_IsInvalidAndNotSent()
    {
        await using var bed = await TestBed.StartAsync();

        var send = await bed.Client.SendAsync([Lwm2mPath.Parse("/5/0/0")]);

        Assert.Equal(Lwm2mOutcome.Invalid, send.Outcome);
    }

    [Fact]
    public async Task SendBeforeRegistering_IsInvalid()
    {
        var server = TestBed.StartServer();
        await using var _ = server;
        var client = new Lwm2mClient(TestBed.ClientOptions(server));

        var send = await client.SendAsync([Lwm2mPath.Parse("/3/0/9")], CoapContentFormat.SenmlJson);

        Assert.Equal(Lwm2mOutcome.Invalid, send.Outcome);
    }
}
