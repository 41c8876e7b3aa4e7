using System.Text;

namespace FastLwm2m.Lwm2m.Tests.Model;

public sealed partial class DdfParserTests
{
    private static ObjectModel ParseRegistryFile(string name)
    {
        Assert.True(DdfParser.TryParse(RegistryArchive.Read(name), name, out IReadOnlyList<ObjectModel> models, out string? error), error);
        Assert.Null(error);
        return Assert.Single(models);
    }

    /// <summary>A 1.1-schema DDF document with one object whose resources are <paramref name="items"/>.</summary>
    internal static string Document(string items, string objectHead = "<ObjectID>42</ObjectID><ObjectVersion>1.1</ObjectVersion>", string rootAttributes = "")
        => $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <LWM2M xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.openmobilealliance.org/tech/profiles/LWM2M-v1_1.xsd"{rootAttributes}>
              <Object ObjectType="MODefinition">
                <Name>Test</Name>
                <Description1>A test object.</Description1>
                {objectHead}
                <MultipleInstances>Multiple</MultipleInstances>
                <Mandatory>Optional</Mandatory>
                <Resources>{items}</Resources>
                <Description2></Description2>
              </Object>
            </LWM2M>
            """;

    internal static string Item(string id, string type = "Integer", string operations = "R", string multiple = "Single", string mandatory = "Optional", string name = "Value")
        => $"""
            <Item ID="{id}">
              <Name>{name}</Name>
              <Operations>{operations}</Operations>
              <MultipleInstances>{multiple}</MultipleInstances>
              <Mandatory>{mandatory}</Mandatory>
              <Type>{type}</Type>
              <RangeEnumeration></RangeEnumeration>
              <Units></Units>
              <Description></Description>
            </Item>
            """;

    private static ObjectModel ParseSingle(string xml)
    {
        Assert.True(DdfParser.TryParse(xml, "test.xml", out IReadOnlyList<ObjectModel> models, out string? error), error);
        return Assert.Single(models);
    }

    [Fact]
    public void Device12_BatteryLevel_IsASingleReadableOptionalInteger()
    {
        ObjectModel device = ParseRegistryFile("3.xml");

        Assert.Equal(3, device.Id);
        Assert.Equal("Device", device.Name);
        Assert.Equal(new ObjectVersion(1, 2), device.Version);
        Assert.Equal("1.1", device.Lwm2mVersion);
        Assert.Equal("urn:oma:lwm2m:oma:3:1.2", device.Urn);
        Assert.False(device.MultipleInstances);
        Assert.True(device.Mandatory);
        Assert.StartsWith("This LwM2M Object provides a range of device related information", device.Description, StringComparison.Ordinal);

        ResourceModel battery = device.GetResource(9)!;
        Assert.Equal("Battery Level", battery.Name);
        Assert.Equal(ResourceType.Integer, battery.Type);
        Assert.Equal(ResourceOperations.Read, battery.Operations);
        Assert.False(battery.Multiple);
        Assert.False(battery.Mandatory);
        Assert.Equal("0..100", battery.RangeEnumeration);
        Assert.Equal("/100", battery.Units);
        Assert.StartsWith("Contains the current battery level", battery.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Device_Reboot_IsExecutableWithoutType()
    {
        ResourceModel reboot = ParseRegistryFile("3.xml").GetResource(4)!;

        Assert.Equal("Reboot", reboot.Name);
        Assert.Equal(ResourceOperations.Execute, reboot.Operations);
        Assert.Equal(ResourceType.None, reboot.Type);
        Assert.True(reboot.Mandatory);
    }

    [Fact]
    public void Device_ResourcesAreInAscendingIdOrder()
    {
        ObjectModel device = ParseRegistryFile("3.xml");

        Assert.Equal(device.Resources.Keys.Order(), device.Resources.Keys);
        Assert.All(device.Resources, r => Assert.Equal(r.Key, r.Value.Id));
        Assert.Null(device.GetResource(999));
    }

    [Fact]
    public void Device10_WithoutObjectVersionOrLwm2mVersion_IsVersion10()
    {
        ObjectModel device = ParseRegistryFile("version_history/3-1_0.xml");

        Assert.Equal(ObjectVersion.Default, device.Version);
        Assert.Equal("1.0", device.Lwm2mVersion);
        Assert.Equal("urn:oma:lwm2m:oma:3", device.Urn);
    }

    [Fact]
    public void EmptyObjectVersionAndLwm2mVersionElements_Mean10()
    {
        ObjectModel model = ParseRegistryFile("version_history/12-1_0.xml");

        Assert.Equal(ObjectVersion.Default, model.Version);
        Assert.Equal("1.0", model.Lwm2mVersion);
    }

    [Fact]
    public void ConnectivityMonitoring_LatestIsVersion13()
        => Assert.Equal(new ObjectVersion(1, 3), ParseRegistryFile("4.xml").Version);

    [Fact]
    public void FirmwareUpdate_Package_IsWritableOpaque()
    {
        ResourceModel package = ParseRegistryFile("5.xml").GetResource(0)!;

        Assert.Equal("Package", package.Name);
        Assert.Equal(ResourceType.Opaque, package.Type);
        Assert.Equal(ResourceOperations.Write, package.Operations);
    }

    [Fact]
    public void BinaryAppDataContainer_Data_IsMultipleOpaque()
    {
        ObjectModel container = ParseRegistryFile("19.xml");
        ResourceModel data = container.GetResource(0)!;

        Assert.Equal(ObjectVersion.Default, container.Version);
        Assert.Equal("Data", data.Name);
        Assert.True(data.Multiple);
        Assert.Equal(ResourceType.Opaque, data.Type);
        Assert.Equal(ResourceOperations.Read | ResourceOperations.Write, data.Operations);
    }

    [Fact]
    public void Server_Binding_IsAString()
    {
        ObjectModel server = ParseRegistryFile("1.xml");
        ResourceModel binding = server.GetResource(7)!;

        Assert.True(server.MultipleInstances);
        Assert.Equal("Binding", binding.Name);
        Assert.Equal(ResourceType.String, binding.Type);
        Assert.Equal(ResourceOperations.Read | ResourceOperations.Write, binding.Operations);
    }

    [Theory]
    [InlineData("String", ResourceType.String)]
    [InlineData("Integer", ResourceType.Integer)]
    [InlineData("Unsigned Integer", ResourceType.UnsignedInteger)]
    [InlineData("unsigned integer", ResourceType.UnsignedInteger)]
    [InlineData("UnsignedInteger", ResourceType.UnsignedInteger)]
    [InlineData("Float", ResourceType.Float)]
    [InlineData("FLOAT", ResourceType.Float)]
    [InlineData("Boolean", ResourceType.Boolean)]
    [InlineData("Opaque", ResourceType.Opaque)]
    [InlineData("Time", ResourceType.Time)]
    [InlineData("Objlnk", ResourceType.Objlnk)]
    [InlineData("ObjLnk", ResourceType.Objlnk)]
    [InlineData("Corelnk", ResourceType.Corelnk)]
    [InlineData("CoreLnk", ResourceType.Corelnk)]
    [InlineData("", ResourceType.None)]
    [InlineData("  Integer\n ", ResourceType.Integer)]
    public void TypeNames_InAnyCasing_AreRecognized(string text, ResourceType expected)
        => Assert.Equal(expected, ParseSingle(Document(Item("0", type: text))).GetResource(0)!.Type);

    [Theory]
    [InlineData("R", ResourceOperations.Read)]
    [InlineData("W", ResourceOperations.Write)]
    [InlineData("RW", ResourceOperations.Read | ResourceOperations.Write)]
    [InlineData("rw", ResourceOperations.Read | ResourceOperations.Write)]
    [InlineData("E", ResourceOperations.Execute)]
    [InlineData("", ResourceOperations.None)]
    public void Operations_AreRecognized(string text, ResourceOperations expected)
        => Assert.Equal(expected, ParseSingle(Document(Item("0", operations: text))).GetResource(0)!.Operations);

    [Fact]
    public void MultipleAndMandatory_AreRecognized()
    {
        ObjectModel model = ParseSingle(Document(Item("0", multiple: "Multiple", mandatory: "Mandatory") + Item("1", multiple: "single", mandatory: "optional")));

        Assert.True(model.MultipleInstances);
        Assert.False(model.Mandatory);
        Assert.True(model.GetResource(0)!.Multiple);
        Assert.True(model.GetResource(0)!.Mandatory);
        Assert.False(model.GetResource(1)!.Multiple);
        Assert.False(model.GetResource(1)!.Mandatory);
    }

    [Fact]
    public void WhitespaceAndCdata_AreTrimmedAndUnwrapped()
    {
        string xml = Document(
            """
            <Item ID=" 5 ">
              <Name>
                 Spaced Name
              </Name>
              <Operations> R </Operations>
              <MultipleInstances> Single </MultipleInstances>
              <Mandatory> Optional </Mandatory>
              <Type> String </Type>
              <RangeEnumeration><![CDATA[ 0..10 ]]></RangeEnumeration>
              <Units> m </Units>
              <Description><![CDATA[A <b>marked-up</b> & description]]></Description>
            </Item>
            """,
            objectHead: "<ObjectID>\n 42 \n</ObjectID><ObjectVersion> 2.1 </ObjectVersion><LWM2MVersion> 1.2 </LWM2MVersion>");

        ObjectModel model = ParseSingle(xml);
        ResourceModel resource = model.GetResource(5)!;

        Assert.Equal(42, model.Id);
        Assert.Equal(new ObjectVersion(2, 1), model.Version);
        Assert.Equal("1.2", model.Lwm2mVersion);
        Assert.Equal("Spaced Name", resource.Name);
        Assert.Equal(ResourceType.String, resource.Type);
        Assert.Equal("0..10", resource.RangeEnumeration);
        Assert.Equal("m", resource.Units);
        Assert.Equal("A <b>marked-up</b> & description", resource.Description);
    }

    [Fact]
    public void DefaultNamespaceAndOddElementCasing_AreTolerated()
    {
        string xml = """
            <lwm2m xmlns="urn:example:ddf">
              <object objecttype="modefinition">
                <name>Lower</name>
                <objectid>7000</objectid>
                <resources>
                  <item id="1"><name>X</name><operations>RW</operations><type>unsigned integer</type></item>
                </resources>
              </object>
            </lwm2m>
            """;

        ObjectModel model = ParseSingle(xml);

        Assert.Equal(7000, model.Id);
        Assert.Equal("Lower", model.Name);
        Assert.Equal(ObjectVersion.Default, model.Version);
        Assert.Equal(ResourceType.UnsignedInteger, model.GetResource(1)!.Type);
    }

    [Fact]
    public void AllThreeOverloads_GiveTheSameModel_WithOrWithoutByteOrderMark()
    {
        byte[] bytes = RegistryArchive.Read("3.xml");
        byte[] withBom = [.. Encoding.UTF8.Preamble, .. bytes];

        Assert.True(DdfParser.TryParse(bytes, "3.xml", out IReadOnlyList<ObjectModel> fromSpan, out _));
        Assert.True(DdfParser.TryParse(withBom, "3.xml", out IReadOnlyList<ObjectModel> fromBom, out _));
        Assert.True(DdfParser.TryParse(new MemoryStream(bytes), "3.xml", out IReadOnlyList<ObjectModel> fromStream, out _));
        Assert.True(DdfParser.TryParse(Encoding.UTF8.GetString(bytes), "3.xml", out IReadOnlyList<ObjectModel> fromString, out _));

        foreach (IReadOnlyList<ObjectModel> other in new[] { fromBom, fromStream, fromString })
        {
            ObjectModel a = fromSpan[0], b = other[0];
            Assert.Equal(a with { Resources = b.Resources }, b);
            Assert.Equal(a.Resources.Values, b.Resources.Values);
        }
    }

    [Fact]
    public void Utf16Document_IsDecodedFromItsByteOrderMark()
    {
        byte[] utf16 = [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Document(Item("0", name: "Température")).Replace("UTF-8", "UTF-16", StringComparison.Ordinal))];

        Assert.True(DdfParser.TryParse(utf16, "utf16.xml", out IReadOnlyList<ObjectModel> models, out string? error), error);
        Assert.Equal("Température", models[0].GetResource(0)!.Name);
    }

    [Fact]
    public void SeveralObjects_InOneFile_AreAllReturnedInOrder()
    {
        string xml = """
            <LWM2M>
              <Object ObjectType="MODefinition"><Name>A</Name><ObjectID>10</ObjectID><Resources/></Object>
              <Object ObjectType="MODefinition"><Name>B</Name><ObjectID>10</ObjectID><ObjectVersion>1.1</ObjectVersion><Resources/></Object>
              <Object ObjectType="MODefinition"><Name>C</Name><ObjectID>11</ObjectID><Resources/></Object>
            </LWM2M>
            """;

        Assert.True(DdfParser.TryParse(xml, "multi.xml", out IReadOnlyList<ObjectModel> models, out string? error), error);
        Assert.Equal(["A", "B", "C"], models.Select(m => m.Name));
        Assert.Empty(models[0].Resources);
    }

    [Fact]
    public void ObjectsOfAnotherObjectType_AreSkipped()
    {
        string xml = """
            <LWM2M>
              <Object ObjectType="CommonResources"><Resources><Item ID="4000"><Name>X</Name><Type>Objlnk</Type></Item></Resources></Object>
              <Object><Name>NoType</Name><ObjectID>12</ObjectID></Object>
            </LWM2M>
            """;

        Assert.True(DdfParser.TryParse(xml, "common.xml", out IReadOnlyList<ObjectModel> models, out string? error), error);
        Assert.Equal(12, Assert.Single(models).Id);
    }
}
