namespace FastLwm2m.Platform.Profiles;

/// <summary>The outcome of <see cref="ProfileService.CreateAsync"/> or <see cref="ProfileService.UpdateAsync"/>.</summary>
public enum ProfileSaveStatus
{
    /// <summary>A new profile was stored.</summary>
    Created,

    /// <summary>An existing profile was replaced.</summary>
    Updated,

    /// <summary>Nothing was stored: see <see cref="ProfileSaveResult.Errors"/>.</summary>
    Invalid,

    /// <summary>Update of a profile the tenant does not have.</summary>
    NotFound,
}
