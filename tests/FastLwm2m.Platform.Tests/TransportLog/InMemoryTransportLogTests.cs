using FastLwm2m.Platform.TransportLog;

namespace FastLwm2m.Platform.Tests.TransportLog;

/// <summary>The transport log contract over <see cref="InMemoryTransportLog"/>; reopening keeps the same instance.</summary>
public sealed class InMemoryTransportLogTests : TransportLogContractTests
{
    private readonly InMemoryTransportLog _log = new(Capacity);

    protected override Task<ITransportLog> CreateLogAsync() => Task.FromResult<ITransportLog>(_log);

    protected override Task<ITransportLog> ReopenLogAsync() => Task.FromResult<ITransportLog>(_log);
}
