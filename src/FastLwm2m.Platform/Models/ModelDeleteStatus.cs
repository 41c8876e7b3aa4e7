namespace FastLwm2m.Platform;

/// <summary>The outcome of <see cref="ModelLibrary.DeleteAsync"/>.</summary>
public enum ModelDeleteStatus
{
    /// <summary>The model was removed.</summary>
    Deleted,

    /// <summary>The scope has no model of that id and version.</summary>
    NotFound,

    /// <summary>A tenant asked to delete a system model; nothing was removed.</summary>
    Forbidden,
}
