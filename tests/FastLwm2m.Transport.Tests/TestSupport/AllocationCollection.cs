namespace FastLwm2m.Transport.Tests.TestSupport;

/// <summary>
/// Tests that measure process-wide allocation (GC.GetTotalAllocatedBytes) run alone: any test
/// running beside them would allocate into their figure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation";
}
