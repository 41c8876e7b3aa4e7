namespace FastLwm2m.Lwm2m;

/// <summary>What a resource allows (DDF <c>Operations</c>: R, W, RW, E, or none).</summary>
[Flags]
public enum ResourceOperations : byte
{
    /// <summary>None (e.g. a resource only for Bootstrap).</summary>
    None = 0,
    /// <summary>Read.</summary>
    Read = 1,
    /// <summary>Write.</summary>
    Write = 2,
    /// <summary>Execute.</summary>
    Execute = 4,
}
