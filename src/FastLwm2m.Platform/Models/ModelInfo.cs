using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform;

/// <summary>An object model of the <see cref="ModelLibrary"/>: the parsed definition, its owner and its file.</summary>
public sealed record ModelInfo
{
    /// <summary>The owner: a tenant or <see cref="TenantId.System"/>.</summary>
    public required TenantId Scope { get; init; }

    /// <summary>The parsed definition.</summary>
    public required ObjectModel Model { get; init; }

    /// <summary>The name of the file it was uploaded in.</summary>
    public required string FileName { get; init; }

    /// <summary>That file, unchanged (for re-export).</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>When it was stored.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>System or tenant model.</summary>
    public ModelLevel Level => Scope.IsSystem ? ModelLevel.System : ModelLevel.Tenant;

    /// <summary>Object id.</summary>
    public int ObjectId => Model.Id;

    /// <summary>Object version.</summary>
    public ObjectVersion Version => Model.Version;

    /// <summary>Object name.</summary>
    public string Name => Model.Name;
}
