namespace FastLwm2m.Platform;

/// <summary>
/// Who owns a piece of platform data: a tenant, or <see cref="System"/> for what the system
/// administrator set up and every tenant sees (the model library's system level, for one).
/// </summary>
/// <remarks><c>default(TenantId)</c> is <see cref="System"/>.</remarks>
public readonly record struct TenantId
{
    private readonly string? _value;

    /// <summary>A tenant named <paramref name="value"/>.</summary>
    /// <param name="value">The tenant's id; neither empty nor only whitespace (the empty string stands for <see cref="System"/> in stores).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or whitespace.</exception>
    public TenantId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>The system level: data of the system administrator, visible to every tenant.</summary>
    public static TenantId System => default;

    /// <summary>Whether this is <see cref="System"/>.</summary>
    public bool IsSystem => _value is null;

    /// <summary>The tenant's id; the empty string for <see cref="System"/> (how stores key it).</summary>
    public string Value => _value ?? "";

    /// <summary>The tenant of a store key: the empty string is <see cref="System"/>.</summary>
    public static TenantId FromValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 ? System : new TenantId(value);
    }

    /// <inheritdoc />
    public override string ToString() => _value ?? "system";
}
