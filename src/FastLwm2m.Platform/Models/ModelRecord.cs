using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform;

/// <summary>
/// One row of an <see cref="IModelStore"/>: an object model of one scope, keyed by
/// (<see cref="Scope"/>, <see cref="ObjectId"/>, <see cref="Version"/>), with the DDF file it came from.
/// </summary>
public sealed record ModelRecord
{
    /// <summary>The owner: a tenant or <see cref="TenantId.System"/>.</summary>
    public required TenantId Scope { get; init; }

    /// <summary>Object id.</summary>
    public required int ObjectId { get; init; }

    /// <summary>Object version (<c>ObjectVersion</c> of the DDF file, 1.0 when absent).</summary>
    public required ObjectVersion Version { get; init; }

    /// <summary>Object name, e.g. "Device" (kept so listings need not parse the file).</summary>
    public required string Name { get; init; }

    /// <summary>The name of the uploaded file, e.g. "3.xml".</summary>
    public required string FileName { get; init; }

    /// <summary>
    /// The uploaded DDF file, unchanged, so the model can be re-exported. A file defining several
    /// objects is stored with each of them.
    /// </summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>When it was stored.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
