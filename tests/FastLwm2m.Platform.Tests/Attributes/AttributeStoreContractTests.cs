using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Attributes;

namespace FastLwm2m.Platform.Tests.Attributes;

/// <summary>The behaviour of an <see cref="IAttributeStore"/>, run against each implementation by a derived class.</summary>
public abstract class AttributeStoreContractTests : IAsyncLifetime
{
    protected static readonly Lwm2mValue[] EveryType =
    [
        Lwm2mValue.FromInteger(-42),
        Lwm2mValue.FromUnsignedInteger(ulong.MaxValue),
        Lwm2mValue.FromFloat(20.5),
        Lwm2mValue.FromBoolean(true),
        Lwm2mValue.FromString("Acme"),
        Lwm2mValue.FromOpaque([0, 1, 2, 255]),
        Lwm2mValue.FromUnixTime(1_700_000_000),
        Lwm2mValue.FromObjectLink(new ObjectLink(65535, 1)),
        Lwm2mValue.FromCoreLink("</3/0>"),
    ];

    protected IAttributeStore Store { get; private set; } = null!;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IAttributeStore> CreateStoreAsync();

    /// <summary>The same store's data seen afresh (as after a restart).</summary>
    protected abstract Task<IAttributeStore> ReopenStoreAsync();

    public virtual async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static AttributeValue A(string key, long value, long ts) => new(key, Lwm2mValue.FromInteger(value), ts);

    [Fact]
    public async Task Set_NewKeys_ReturnsThemAll_AndGetOrdersByKey()
    {
        var changed = await Store.SetAsync("dev", [A("b", 2, 10), A("a", 1, 10)]);

        Assert.Equal([A("b", 2, 10), A("a", 1, 10)], changed);
        Assert.Equal([A("a", 1, 10), A("b", 2, 10)], await Store.GetAsync("dev"));
        Assert.Equal(A("b", 2, 10), await Store.GetAsync("dev", "b"));
    }

    [Fact]
    public async Task Get_UnknownDeviceOrKey_IsEmptyOrNull()
    {
        await Store.SetAsync("dev", [A("a", 1, 10)]);

        Assert.Empty(await Store.GetAsync("other"));
        Assert.Null(await Store.GetAsync("other", "a"));
        Assert.Null(await Store.GetAsync("dev", "zzz"));
    }

    [Fact]
    public async Task Set_SameValueWithNewerTime_IsNoChange_AndKeepsTheStoredTime()
    {
        await Store.SetAsync("dev", [A("a", 1, 10)]);

        Assert.Empty(await Store.SetAsync("dev", [A("a", 1, 20)]));
        Assert.Equal(A("a", 1, 10), await Store.GetAsync("dev", "a"));
    }

    [Fact]
    public async Task Set_OlderTimestamp_IsIgnored()
    {
        await Store.SetAsync("dev", [A("a", 1, 10)]);

        Assert.Empty(await Store.SetAsync("dev", [A("a", 2, 9)]));
        Assert.Equal(A("a", 1, 10), await Store.GetAsync("dev", "a"));
    }

    [Fact]
    public async Task Set_NewValueAtSameOrNewerTime_Changes()
    {
        await Store.SetAsync("dev", [A("a", 1, 10), A("b", 1, 10)]);

        var changed = await Store.SetAsync("dev", [A("a", 2, 10), A("b", 2, 11), A("c", 3, 1)]);

        Assert.Equal([A("a", 2, 10), A("b", 2, 11), A("c", 3, 1)], changed);
        Assert.Equal([A("a", 2, 10), A("b", 2, 11), A("c", 3, 1)], await Store.GetAsync("dev"));
    }

    [Fact]
    public async Task Set_SameKeyTwiceInOneCall_ComparesWithTheFirst()
    {
        var changed = await Store.SetAsync("dev", [A("a", 1, 10), A("a", 1, 11), A("a", 2, 5), A("a", 3, 12)]);

        Assert.Equal([A("a", 1, 10), A("a", 3, 12)], changed);
        Assert.Equal(A("a", 3, 12), await Store.GetAsync("dev", "a"));
    }

    [Fact]
    public async Task Changed_IsRaisedPerChange_WithPrevious_AfterTheStoreWasUpdated()
    {
        await Store.SetAsync("dev", [A("a", 1, 10)]);
        var events = new List<(AttributeChangedEventArgs Args, AttributeValue? Stored)>();
        Store.Changed += (sender, e) => events.Add((e, Store.GetAsync(e.Device, e.Value.Key).AsTask().GetAwaiter().GetResult()));

        await Store.SetAsync("dev", [A("a", 1, 20), A("a", 2, 20), A("b", 5, 20)]);

        Assert.Equal(2, events.Count);
        Assert.Equal(("dev", A("a", 2, 20), (AttributeValue?)A("a", 1, 10)), (events[0].Args.Device, events[0].Args.Value, events[0].Args.Previous));
        Assert.Equal(("dev", A("b", 5, 20), (AttributeValue?)null), (events[1].Args.Device, events[1].Args.Value, events[1].Args.Previous));
        Assert.Equal(A("a", 2, 20), events[0].Stored);
        Assert.Equal(A("b", 5, 20), events[1].Stored);
    }

    [Fact]
    public async Task Changed_IsNotRaised_WhenNothingChanged()
    {
        await Store.SetAsync("dev", [A("a", 1, 10)]);
        int raised = 0;
        Store.Changed += (_, _) => raised++;

        await Store.SetAsync("dev", [A("a", 1, 30), A("a", 9, 1)]);
        await Store.SetAsync("dev", []);

        Assert.Equal(0, raised);
    }

    [Fact]
    public async Task EveryValueType_RoundTrips_AndIsNoChangeWhenSetAgain()
    {
        var values = EveryType.Select((v, i) => new AttributeValue($"k{i}", v, 1000 + i)).ToArray();

        Assert.Equal(values.Length, (await Store.SetAsync("dev", values)).Count);

        var stored = await Store.GetAsync("dev");
        Assert.Equal(values.OrderBy(v => v.Key, StringComparer.Ordinal), stored);
        Assert.Empty(await Store.SetAsync("dev", values.Select(v => v with { TimestampMilliseconds = 5000 }).ToArray()));
    }

    [Fact]
    public async Task DeleteDevice_RemovesItsAttributesOnly_AndCountsThem()
    {
        await Store.SetAsync("dev", [A("a", 1, 10), A("b", 2, 10)]);
        await Store.SetAsync("other", [A("a", 1, 10)]);

        Assert.Equal(2, await Store.DeleteDeviceAsync("dev"));
        Assert.Equal(0, await Store.DeleteDeviceAsync("dev"));
        Assert.Empty(await Store.GetAsync("dev"));
        Assert.Equal([A("a", 1, 10)], await Store.GetAsync("other"));
        Assert.Single(await Store.SetAsync("dev", [A("a", 1, 1)])); // a deleted key is new again
    }

    [Fact]
    public async Task Values_SurviveReopening()
    {
        var values = EveryType.Select((v, i) => new AttributeValue($"k{i}", v, 1000 + i)).ToArray();
        await Store.SetAsync("dev", values);

        IAttributeStore reopened = await ReopenStoreAsync();

        Assert.Equal(values.OrderBy(v => v.Key, StringComparer.Ordinal), await reopened.GetAsync("dev"));
        Assert.Empty(await reopened.SetAsync("dev", [values[0] with { TimestampMilliseconds = 1 }]));
    }

    [Fact]
    public async Task ConcurrentSets_OfOneKey_EndAtTheNewest()
    {
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Store.SetAsync("dev", [A("a", i, i)]).AsTask()));

        Assert.Equal(A("a", 20, 20), await Store.GetAsync("dev", "a"));
    }
}
