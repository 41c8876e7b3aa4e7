namespace FastLwm2m.Cli.Tests;

/// <summary>The core DDF files of src/FastLwm2m.Lwm2m/Model/Ddf, found from the test assembly.</summary>
internal static class Ddf
{
    public static (string Name, byte[] Content) Core(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "src", "FastLwm2m.Lwm2m", "Model", "Ddf", fileName);
            if (File.Exists(path))
            {
                return (fileName, File.ReadAllBytes(path));
            }
        }

        throw new FileNotFoundException($"src/FastLwm2m.Lwm2m/Model/Ddf/{fileName} not found above {AppContext.BaseDirectory}");
    }
}
