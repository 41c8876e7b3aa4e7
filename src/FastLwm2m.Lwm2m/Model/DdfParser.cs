using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// Parses OMA DDF files (LwM2M Core Appendix D; schemas <c>LWM2M.xsd</c> for 1.0 and
/// <c>LWM2M-v1_1.xsd</c> for 1.1 and 1.2) into <see cref="ObjectModel"/>s: a root <c>&lt;LWM2M&gt;</c>
/// holding one or more <c>&lt;Object ObjectType="MODefinition"&gt;</c>.
/// </summary>
/// <remarks>
/// Tolerant of what real registry files contain: whitespace around values, CDATA, namespace and
/// <c>xsi:noNamespaceSchemaLocation</c> attributes, element names and enumeration values in any
/// casing, "Unsigned Integer" with or without the space, an empty <c>Type</c> (<see cref="ResourceType.None"/>),
/// absent <c>ObjectVersion</c> (1.0) and <c>LWM2MVersion</c> ("1.0"). Objects of another
/// <c>ObjectType</c> (the registry's <c>CommonResources</c>) are skipped. Rejects real errors
/// (missing or non-numeric ids, duplicate resource ids, unknown type or operation names) with a
/// message naming the source, the object, the resource and the problem, e.g.
/// <c>3.xml: object 3, resource 9: unknown type 'Integr'</c>.
/// Never resolves DTDs, entities or schema locations (no network access, no XXE).
/// </remarks>
public static class DdfParser
{
    // The largest registry file is ~35 KB and the whole registry in one document ~7 MB; the cap
    // only bounds the memory a hostile or runaway input can take.
    private const int MaxCharactersInDocument = 32 * 1024 * 1024;
    private const string ModelObjectType = "MODefinition";

    /// <summary>Parses a DDF document read from <paramref name="xml"/> (which is left open).</summary>
    /// <param name="xml">The document; its encoding comes from its BOM or XML declaration.</param>
    /// <param name="sourceName">Name used in error messages, e.g. "3.xml".</param>
    /// <param name="models">The object definitions in document order; empty on failure.</param>
    /// <param name="error">Why the document was rejected; null on success.</param>
    /// <returns>True if the document is a valid DDF file. Never throws on bad content; I/O errors of the stream propagate.</returns>
    public static bool TryParse(Stream xml, string sourceName, out IReadOnlyList<ObjectModel> models, out string? error)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(sourceName);
        return TryParse(() => XmlReader.Create(xml, CreateSettings()), sourceName, out models, out error);
    }

    /// <summary>Parses a DDF document held in <paramref name="xml"/> (UTF-8 unless its BOM or declaration says otherwise).</summary>
    /// <param name="xml">The document bytes.</param>
    /// <param name="sourceName">Name used in error messages, e.g. "3.xml".</param>
    /// <param name="models">The object definitions in document order; empty on failure.</param>
    /// <param name="error">Why the document was rejected; null on success.</param>
    /// <returns>True if the document is a valid DDF file. Never throws on bad input.</returns>
    public static bool TryParse(ReadOnlySpan<byte> xml, string sourceName, out IReadOnlyList<ObjectModel> models, out string? error)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        using var stream = new MemoryStream(xml.ToArray(), writable: false);
        return TryParse(() => XmlReader.Create(stream, CreateSettings()), sourceName, out models, out error);
    }

    /// <summary>Parses a DDF document held in <paramref name="xml"/> (its encoding declaration is ignored).</summary>
    /// <param name="xml">The document text.</param>
    /// <param name="sourceName">Name used in error messages, e.g. "3.xml".</param>
    /// <param name="models">The object definitions in document order; empty on failure.</param>
    /// <param name="error">Why the document was rejected; null on success.</param>
    /// <returns>True if the document is a valid DDF file. Never throws on bad input.</returns>
    public static bool TryParse(string xml, string sourceName, out IReadOnlyList<ObjectModel> models, out string? error)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(sourceName);
        using var text = new StringReader(xml);
        return TryParse(() => XmlReader.Create(text, CreateSettings()), sourceName, out models, out error);
    }

    private static XmlReaderSettings CreateSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = MaxCharactersInDocument,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private static bool TryParse(Func<XmlReader> openReader, string source, out IReadOnlyList<ObjectModel> models, out string? error)
    {
        models = [];
        XDocument document;
        try
        {
            // Creating the reader already decodes the first characters, so it can throw too.
            using XmlReader reader = openReader();
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (Exception e) when (e is XmlException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // XmlException for malformed XML and prohibited DTDs; the others for undecodable text
            // (DecoderFallbackException is an ArgumentException) and unsupported encodings.
            error = $"{source}: not well-formed XML: {e.Message}";
            return false;
        }

        XElement? root = document.Root;
        if (root is null || !IsNamed(root, "LWM2M"))
        {
            error = $"{source}: root element is '{root?.Name.LocalName}', expected 'LWM2M'";
            return false;
        }

        var result = new List<ObjectModel>();
        int position = 0;
        bool anyObject = false;
        foreach (XElement element in root.Elements())
        {
            if (!IsNamed(element, "Object"))
            {
                continue;
            }

            anyObject = true;
            position++;
            string? objectType = Attribute(element, "ObjectType");
            if (objectType is not null && !objectType.Trim().Equals(ModelObjectType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!TryParseObject(element, position, source, out ObjectModel? model, out error))
            {
                return false;
            }

            foreach (ObjectModel earlier in result)
            {
                if (earlier.Id == model.Id && earlier.Version == model.Version)
                {
                    error = $"{source}: object {model.Id}: version {model.Version} is defined twice";
                    return false;
                }
            }

            result.Add(model);
        }

        if (!anyObject)
        {
            error = $"{source}: no Object element";
            return false;
        }

        models = result;
        error = null;
        return true;
    }

    private static bool TryParseObject(XElement element, int position, string source, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ObjectModel? model, out string? error)
    {
        model = null;
        string name = ChildText(element, "Name") ?? "";
        string? idText = ChildText(element, "ObjectID");
        if (idText is null)
        {
            error = $"{source}: object #{position}{Quoted(name)}: missing ObjectID";
            return false;
        }

        if (!TryParseId(idText, out int id))
        {
            error = $"{source}: object #{position}{Quoted(name)}: ObjectID '{idText}' is not a number from 0 to 65535";
            return false;
        }

        string label = $"{source}: object {id}";

        // Absent or empty ObjectVersion means 1.0 (LwM2M 1.1 Core §5.1.2; the functional reference's
        // "Handling of Object Versions" does the same). The 1.0 schema has no such element at all.
        ObjectVersion version = ObjectVersion.Default;
        string? versionText = ChildText(element, "ObjectVersion");
        if (!string.IsNullOrEmpty(versionText) && !ObjectVersion.TryParse(versionText, out version))
        {
            error = $"{label}: ObjectVersion '{versionText}' is not 'major.minor'";
            return false;
        }

        string? lwm2mVersion = ChildText(element, "LWM2MVersion");
        if (string.IsNullOrEmpty(lwm2mVersion))
        {
            lwm2mVersion = "1.0";
        }
        else if (!ObjectVersion.TryParse(lwm2mVersion, out _))
        {
            error = $"{label}: LWM2MVersion '{lwm2mVersion}' is not 'major.minor'";
            return false;
        }

        if (!TryParseChoice(ChildText(element, "MultipleInstances"), "Multiple", "Single", out bool multipleInstances))
        {
            error = $"{label}: MultipleInstances '{ChildText(element, "MultipleInstances")}' is neither 'Multiple' nor 'Single'";
            return false;
        }

        if (!TryParseChoice(ChildText(element, "Mandatory"), "Mandatory", "Optional", out bool mandatory))
        {
            error = $"{label}: Mandatory '{ChildText(element, "Mandatory")}' is neither 'Mandatory' nor 'Optional'";
            return false;
        }

        var resources = new List<ResourceModel>();
        XElement? resourcesElement = Child(element, "Resources");
        if (resourcesElement is not null)
        {
            int resourcePosition = 0;
            foreach (XElement item in resourcesElement.Elements())
            {
                if (!IsNamed(item, "Item"))
                {
                    continue;
                }

                resourcePosition++;
                if (!TryParseResource(item, resourcePosition, label, out ResourceModel? resource, out error))
                {
                    return false;
                }

                foreach (ResourceModel earlier in resources)
                {
                    if (earlier.Id == resource.Id)
                    {
                        error = $"{label}, resource {resource.Id}: duplicate resource ID";
                        return false;
                    }
                }

                resources.Add(resource);
            }
        }

        // Ascending ids, so enumerating Resources is deterministic whatever the file order; read-only
        // because models are shared (the built-in ones by every repository).
        resources.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        var byId = new Dictionary<int, ResourceModel>(resources.Count);
        foreach (ResourceModel resource in resources)
        {
            byId.Add(resource.Id, resource);
        }

        model = new ObjectModel
        {
            Id = id,
            Name = name,
            Version = version,
            Lwm2mVersion = lwm2mVersion,
            Urn = ChildText(element, "ObjectURN") ?? "",
            MultipleInstances = multipleInstances,
            Mandatory = mandatory,
            Description = ChildText(element, "Description1") ?? "",
            Description2 = ChildText(element, "Description2") ?? "",
            Resources = byId.AsReadOnly(),
        };
        error = null;
        return true;
    }

    private static bool TryParseResource(XElement item, int position, string objectLabel, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ResourceModel? resource, out string? error)
    {
        resource = null;
        string name = ChildText(item, "Name") ?? "";
        string? idText = Attribute(item, "ID")?.Trim();
        if (idText is null)
        {
            error = $"{objectLabel}, resource #{position}{Quoted(name)}: missing ID";
            return false;
        }

        if (!TryParseId(idText, out int id))
        {
            error = $"{objectLabel}, resource #{position}{Quoted(name)}: ID '{idText}' is not a number from 0 to 65535";
            return false;
        }

        string label = $"{objectLabel}, resource {id}";
        string operationsText = ChildText(item, "Operations") ?? "";
        if (!TryParseOperations(operationsText, out ResourceOperations operations))
        {
            error = $"{label}: unknown operations '{operationsText}'";
            return false;
        }

        string typeText = ChildText(item, "Type") ?? "";
        if (!TryParseType(typeText, out ResourceType type))
        {
            error = $"{label}: unknown type '{typeText}'";
            return false;
        }

        if (!TryParseChoice(ChildText(item, "MultipleInstances"), "Multiple", "Single", out bool multiple))
        {
            error = $"{label}: MultipleInstances '{ChildText(item, "MultipleInstances")}' is neither 'Multiple' nor 'Single'";
            return false;
        }

        if (!TryParseChoice(ChildText(item, "Mandatory"), "Mandatory", "Optional", out bool mandatory))
        {
            error = $"{label}: Mandatory '{ChildText(item, "Mandatory")}' is neither 'Mandatory' nor 'Optional'";
            return false;
        }

        resource = new ResourceModel
        {
            Id = id,
            Name = name,
            Operations = operations,
            Multiple = multiple,
            Mandatory = mandatory,
            Type = type,
            RangeEnumeration = ChildText(item, "RangeEnumeration") ?? "",
            Units = ChildText(item, "Units") ?? "",
            Description = ChildText(item, "Description") ?? "",
        };
        error = null;
        return true;
    }

    /// <summary>Object and resource ids are <c>xs:unsignedShort</c> in both schemas.</summary>
    private static bool TryParseId(string text, out int id)
    {
        bool ok = ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ushort value);
        id = value;
        return ok;
    }

    /// <summary>R, W, RW, E or empty (schema enumeration); "WR" accepted as RW.</summary>
    private static bool TryParseOperations(string text, out ResourceOperations operations)
    {
        operations = ResourceOperations.None;
        switch (text.ToUpperInvariant())
        {
            case "":
                return true;
            case "R":
                operations = ResourceOperations.Read;
                return true;
            case "W":
                operations = ResourceOperations.Write;
                return true;
            case "RW":
            case "WR":
                operations = ResourceOperations.Read | ResourceOperations.Write;
                return true;
            case "E":
                operations = ResourceOperations.Execute;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The schema's type names in any casing, "Unsigned Integer" also without its space; empty is
    /// <see cref="ResourceType.None"/> (executable resources, and a few readable ones in the registry).
    /// </summary>
    private static bool TryParseType(string text, out ResourceType type)
    {
        type = ResourceType.None;
        switch (text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
        {
            case "":
                return true;
            case "STRING":
                type = ResourceType.String;
                return true;
            case "INTEGER":
                type = ResourceType.Integer;
                return true;
            case "UNSIGNEDINTEGER":
                type = ResourceType.UnsignedInteger;
                return true;
            case "FLOAT":
                type = ResourceType.Float;
                return true;
            case "BOOLEAN":
                type = ResourceType.Boolean;
                return true;
            case "OPAQUE":
                type = ResourceType.Opaque;
                return true;
            case "TIME":
                type = ResourceType.Time;
                return true;
            case "OBJLNK":
                type = ResourceType.Objlnk;
                return true;
            case "CORELNK":
                type = ResourceType.Corelnk;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Absent or empty is the second choice (Single, Optional).</summary>
    private static bool TryParseChoice(string? text, string yes, string no, out bool value)
    {
        value = false;
        if (string.IsNullOrEmpty(text) || text.Equals(no, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        value = text.Equals(yes, StringComparison.OrdinalIgnoreCase);
        return value;
    }

    private static bool IsNamed(XElement element, string localName)
        => element.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase);

    private static XElement? Child(XElement parent, string localName)
    {
        foreach (XElement child in parent.Elements())
        {
            if (IsNamed(child, localName))
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>The trimmed text (CDATA included) of the first child so named, or null if there is none.</summary>
    private static string? ChildText(XElement parent, string localName) => Child(parent, localName)?.Value.Trim();

    private static string? Attribute(XElement element, string localName)
    {
        foreach (XAttribute attribute in element.Attributes())
        {
            if (!attribute.IsNamespaceDeclaration && attribute.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase))
            {
                return attribute.Value;
            }
        }

        return null;
    }

    private static string Quoted(string name) => name.Length == 0 ? "" : $" '{name}'";
}
