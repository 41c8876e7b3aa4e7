namespace FastLwm2m.Platform;

/// <summary>The outcome of <see cref="ModelLibrary.DeleteAsync"/>: what was removed, or why nothing was.</summary>
public sealed class ModelDeleteResult
{
    private ModelDeleteResult(ModelDeleteStatus status, ModelInfo? deleted, string? reason)
    {
        Status = status;
        Deleted = deleted;
        Reason = reason;
    }

    /// <summary>Deleted, not found or forbidden.</summary>
    public ModelDeleteStatus Status { get; }

    /// <summary>The removed model; null unless <see cref="Status"/> is <see cref="ModelDeleteStatus.Deleted"/>.</summary>
    public ModelInfo? Deleted { get; }

    /// <summary>Why nothing was removed, e.g. "object 3 version 1.0 is a system model; tenant 'acme' cannot delete it"; null when deleted.</summary>
    public string? Reason { get; }

    internal static ModelDeleteResult Success(ModelInfo deleted) => new(ModelDeleteStatus.Deleted, deleted, null);

    internal static ModelDeleteResult NotFound(string reason) => new(ModelDeleteStatus.NotFound, null, reason);

    internal static ModelDeleteResult Forbidden(string reason) => new(ModelDeleteStatus.Forbidden, null, reason);
}
