namespace FastLwm2m.Coap.Tests.TestSupport;

/// <summary>
/// Tests that measure process-wide allocations run alone: another test running in parallel
/// allocates on its own threads and would be counted.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation";
}
