namespace FastLwm2m.Platform.Profiles;

/// <summary>What saving a profile did: the stored profile, or the validation errors.</summary>
public sealed record ProfileSaveResult
{
    /// <summary>The outcome.</summary>
    public required ProfileSaveStatus Status { get; init; }

    /// <summary>The profile as stored (keys generated, empty objects dropped); null unless created or updated.</summary>
    public DeviceProfile? Profile { get; init; }

    /// <summary>The profile it replaced, for <see cref="ProfileSaveStatus.Updated"/>.</summary>
    public DeviceProfile? Replaced { get; init; }

    /// <summary>Every problem found, each naming its field; empty unless <see cref="ProfileSaveStatus.Invalid"/> or <see cref="ProfileSaveStatus.NotFound"/>.</summary>
    public IReadOnlyList<ProfileValidationError> Errors { get; init; } = [];

    /// <summary>Whether the profile was stored.</summary>
    public bool Succeeded => Status is ProfileSaveStatus.Created or ProfileSaveStatus.Updated;

    /// <summary>The errors joined with "; ", or null.</summary>
    public string? Error => Errors.Count == 0 ? null : string.Join("; ", Errors);
}
