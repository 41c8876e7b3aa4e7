using System.IO.Compression;

namespace FastLwm2m.Lwm2m.Tests.Model;

/// <summary>The OMA LwM2M registry snapshot copied beside the test assembly (Registry/lwm2m-registry.zip).</summary>
internal static class RegistryArchive
{
    public const int ObjectFileCount = 751;

    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> s_files = new(ReadAll);

    public static string ArchivePath => Path.Combine(AppContext.BaseDirectory, "Registry", "lwm2m-registry.zip");

    /// <summary>Entry name ("3.xml", "version_history/3-1_0.xml") → file bytes.</summary>
    public static IReadOnlyDictionary<string, byte[]> Files => s_files.Value;

    public static byte[] Read(string name) => Files[name];

    /// <summary>Writes the files under <paramref name="directory"/> in the registry's layout.</summary>
    public static void ExtractTo(string directory) => ZipFile.ExtractToDirectory(ArchivePath, directory);

    private static IReadOnlyDictionary<string, byte[]> ReadAll()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using ZipArchive archive = ZipFile.OpenRead(ArchivePath);
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            using Stream stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files.Add(entry.FullName, buffer.ToArray());
        }

        return files;
    }
}
