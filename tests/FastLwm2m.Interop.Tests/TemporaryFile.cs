namespace FastLwm2m.Interop.Tests;

/// <summary>A file in the temp directory for coap-client's <c>-f</c>, deleted on dispose.</summary>
internal sealed class TemporaryFile : IDisposable
{
    private TemporaryFile(string path) => Path = path;

    public string Path { get; }

    public static async Task<TemporaryFile> WithTextAsync(string text)
    {
        var file = new TemporaryFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fastlwm2m-interop-{Guid.NewGuid():N}.txt"));
        await File.WriteAllTextAsync(file.Path, text);
        return file;
    }

    public void Dispose() => File.Delete(Path);
}
