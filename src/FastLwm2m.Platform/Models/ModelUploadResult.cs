namespace FastLwm2m.Platform;

/// <summary>
/// The outcome of <see cref="ModelLibrary.UploadAsync"/>: the models added and replaced, or why the
/// batch was rejected (in which case nothing was stored).
/// </summary>
public sealed class ModelUploadResult
{
    private ModelUploadResult(string? error, IReadOnlyList<ModelInfo> added, IReadOnlyList<ModelInfo> replaced)
    {
        Error = error;
        Added = added;
        Replaced = replaced;
    }

    /// <summary>Whether the batch was stored.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Why the batch was rejected, naming the file and the problem (e.g. <c>10241.xml: object 10241, resource 3: unknown type 'Integr'</c>); null on success.</summary>
    public string? Error { get; }

    /// <summary>Models whose (id, version) the scope did not have before, ordered by id then version.</summary>
    public IReadOnlyList<ModelInfo> Added { get; }

    /// <summary>Models that replaced one of the same (id, version) in the same scope (the new entries), ordered by id then version.</summary>
    public IReadOnlyList<ModelInfo> Replaced { get; }

    internal static ModelUploadResult Success(IReadOnlyList<ModelInfo> added, IReadOnlyList<ModelInfo> replaced) => new(null, added, replaced);

    internal static ModelUploadResult Failure(string error) => new(error, [], []);
}
