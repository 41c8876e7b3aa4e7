namespace FastLwm2m.Lwm2m.Tests.Model;

public sealed partial class DdfParserTests
{
    private static string ParseError(string xml, string source = "3.xml")
    {
        Assert.False(DdfParser.TryParse(xml, source, out IReadOnlyList<ObjectModel> models, out string? error));
        Assert.Empty(models);
        Assert.NotNull(error);
        return error;
    }

    [Fact]
    public void UnknownType_NamesFileObjectResourceAndType()
        => Assert.Equal(
            "3.xml: object 3, resource 9: unknown type 'Integr'",
            ParseError(Document(Item("0") + Item("9", type: "Integr"), objectHead: "<ObjectID>3</ObjectID>")));

    [Fact]
    public void UnknownOperations_AreRejected()
        => Assert.Equal(
            "3.xml: object 42, resource 1: unknown operations 'RX'",
            ParseError(Document(Item("1", operations: "RX"))));

    [Fact]
    public void DuplicateResourceIds_AreRejected()
        => Assert.Equal(
            "3.xml: object 42, resource 1: duplicate resource ID",
            ParseError(Document(Item("1") + Item("2") + Item("1"))));

    [Fact]
    public void NonNumericResourceId_IsRejected()
        => Assert.Equal(
            "3.xml: object 42, resource #2 'Odd': ID 'x1' is not a number from 0 to 65535",
            ParseError(Document(Item("0") + Item("x1", name: "Odd"))));

    [Theory]
    [InlineData("-1")]
    [InlineData("65536")]
    [InlineData("1.5")]
    [InlineData("")]
    public void ResourceIdOutOfRange_IsRejected(string id)
        => Assert.Equal(
            $"3.xml: object 42, resource #1 'Value': ID '{id}' is not a number from 0 to 65535",
            ParseError(Document(Item(id))));

    [Fact]
    public void MissingResourceId_IsRejected()
        => Assert.Equal(
            "3.xml: object 42, resource #1 'Nameless': missing ID",
            ParseError(Document("<Item><Name>Nameless</Name><Type>String</Type></Item>")));

    [Fact]
    public void MissingObjectId_IsRejected()
        => Assert.Equal(
            "3.xml: object #1 'Test': missing ObjectID",
            ParseError(Document(Item("0"), objectHead: "<ObjectVersion>1.0</ObjectVersion>")));

    [Theory]
    [InlineData("three")]
    [InlineData("")]
    [InlineData("70000")]
    public void NonNumericObjectId_IsRejected(string id)
        => Assert.Equal(
            $"3.xml: object #1 'Test': ObjectID '{id}' is not a number from 0 to 65535",
            ParseError(Document(Item("0"), objectHead: $"<ObjectID>{id}</ObjectID>")));

    [Theory]
    [InlineData("1")]
    [InlineData("v1.1")]
    [InlineData("1.1.1")]
    public void MalformedObjectVersion_IsRejected(string version)
        => Assert.Equal(
            $"3.xml: object 42: ObjectVersion '{version}' is not 'major.minor'",
            ParseError(Document(Item("0"), objectHead: $"<ObjectID>42</ObjectID><ObjectVersion>{version}</ObjectVersion>")));

    [Fact]
    public void MalformedLwm2mVersion_IsRejected()
        => Assert.Equal(
            "3.xml: object 42: LWM2MVersion 'one' is not 'major.minor'",
            ParseError(Document(Item("0"), objectHead: "<ObjectID>42</ObjectID><LWM2MVersion>one</LWM2MVersion>")));

    [Fact]
    public void UnknownMultipleInstancesValue_IsRejected()
        => Assert.Equal(
            "3.xml: object 42, resource 0: MultipleInstances 'Many' is neither 'Multiple' nor 'Single'",
            ParseError(Document(Item("0", multiple: "Many"))));

    [Fact]
    public void UnknownMandatoryValue_IsRejected()
        => Assert.Equal(
            "3.xml: object 42, resource 0: Mandatory 'Yes' is neither 'Mandatory' nor 'Optional'",
            ParseError(Document(Item("0", mandatory: "Yes"))));

    [Fact]
    public void SameObjectVersionTwiceInOneFile_IsRejected()
    {
        string xml = """
            <LWM2M>
              <Object ObjectType="MODefinition"><Name>A</Name><ObjectID>10</ObjectID></Object>
              <Object ObjectType="MODefinition"><Name>B</Name><ObjectID>10</ObjectID><ObjectVersion>1.0</ObjectVersion></Object>
            </LWM2M>
            """;

        Assert.Equal("multi.xml: object 10: version 1.0 is defined twice", ParseError(xml, "multi.xml"));
    }

    [Fact]
    public void WrongRootElement_IsRejected()
        => Assert.Equal(
            "DDF.xml: root element is 'DDFList', expected 'LWM2M'",
            ParseError("<DDFList><Item><ObjectID>0</ObjectID></Item></DDFList>", "DDF.xml"));

    [Fact]
    public void RootWithoutObjects_IsRejected()
        => Assert.Equal("3.xml: no Object element", ParseError("<LWM2M><Other/></LWM2M>"));

    [Theory]
    [InlineData("")]
    [InlineData("not xml")]
    [InlineData("<LWM2M><Object>")]
    [InlineData("<LWM2M></lwm2m>")]
    public void MalformedXml_IsRejectedWithTheSourceName(string xml)
        => Assert.StartsWith("3.xml: not well-formed XML: ", ParseError(xml), StringComparison.Ordinal);

    [Fact]
    public void DocumentTypeDeclarations_AreProhibited_SoExternalEntitiesAreNeverResolved()
    {
        string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE LWM2M [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <LWM2M><Object ObjectType="MODefinition"><Name>&xxe;</Name><ObjectID>1</ObjectID></Object></LWM2M>
            """;

        string error = ParseError(xml, "xxe.xml");

        Assert.StartsWith("xxe.xml: not well-formed XML: ", error, StringComparison.Ordinal);
        Assert.Contains("DTD", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaLocation_IsNeverFetched()
    {
        // An unreachable schema location must not matter: the parser neither validates nor resolves.
        string xml = Document(Item("0"), rootAttributes: " xmlns:other=\"http://invalid.invalid/x\" other:schemaLocation=\"http://invalid.invalid/ LWM2M.xsd\"");

        Assert.Equal(42, ParseSingle(xml).Id);
    }
}
