using System.Text;

namespace FastLwm2m.Platform.Tests.Models;

/// <summary>DDF files for model library tests: the core files of the source tree and small hand-written ones.</summary>
internal static class DdfFiles
{
    private static readonly Lazy<string> s_coreDirectory = new(FindCoreDirectory);

    /// <summary>A core file of src/FastLwm2m.Lwm2m/Model/Ddf, e.g. "3-1_0.xml" (Device 1.0, which has no ObjectVersion).</summary>
    public static (string FileName, byte[] Content) Core(string fileName)
        => (fileName, File.ReadAllBytes(Path.Combine(s_coreDirectory.Value, fileName)));

    /// <summary>A one-object file; <paramref name="version"/> null leaves ObjectVersion out.</summary>
    public static (string FileName, byte[] Content) Object(int id, string? version = null, string? name = null, string resourceType = "Integer", string? fileName = null)
    {
        string versionElement = version is null ? "" : $"<ObjectVersion>{version}</ObjectVersion>";
        string xml = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <LWM2M xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <Object ObjectType="MODefinition">
                <Name>{name ?? $"Test {id}"}</Name>
                <Description1>Hand-written test object.</Description1>
                <ObjectID>{id}</ObjectID>
                <ObjectURN>urn:oma:lwm2m:x:{id}</ObjectURN>
                <LWM2MVersion>1.1</LWM2MVersion>
                {versionElement}
                <MultipleInstances>Multiple</MultipleInstances>
                <Mandatory>Optional</Mandatory>
                <Resources>
                  <Item ID="0"><Name>Value</Name><Operations>R</Operations><MultipleInstances>Single</MultipleInstances><Mandatory>Mandatory</Mandatory><Type>Integer</Type><RangeEnumeration></RangeEnumeration><Units></Units><Description></Description></Item>
                  <Item ID="3"><Name>Other</Name><Operations>RW</Operations><MultipleInstances>Single</MultipleInstances><Mandatory>Optional</Mandatory><Type>{resourceType}</Type><RangeEnumeration></RangeEnumeration><Units></Units><Description></Description></Item>
                </Resources>
              </Object>
            </LWM2M>
            """;
        return (fileName ?? $"{id}.xml", Encoding.UTF8.GetBytes(xml));
    }

    private static string FindCoreDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "src", "FastLwm2m.Lwm2m", "Model", "Ddf");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/FastLwm2m.Lwm2m/Model/Ddf not found above " + AppContext.BaseDirectory);
    }
}
