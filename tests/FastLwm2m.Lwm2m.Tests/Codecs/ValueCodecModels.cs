namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>
/// The object models the TLV, text, opaque and CBOR codec tests decode with: the Core objects of
/// the spec examples (Server 1, Access Control 2, Device 3, Firmware Update 5), the objects 65
/// and 66 of the Objlnk examples (Core §7.4.3.2), and a test object 9000 with a resource of every
/// type, single (0-8) and multiple (10-18), a 16-bit id (300) and an executable (9).
/// </summary>
internal sealed class ValueCodecModels : IObjectModelProvider
{
    public const int TestObjectId = 9000;

    /// <summary>The value types, in the order of the test object's resource ids.</summary>
    public static readonly ResourceType[] ValueTypes =
    [
        ResourceType.String, ResourceType.Integer, ResourceType.UnsignedInteger, ResourceType.Float, ResourceType.Boolean,
        ResourceType.Opaque, ResourceType.Time, ResourceType.Objlnk, ResourceType.Corelnk,
    ];

    public const int FirstMultipleId = 10;
    public const int WideId = 300;

    public static ValueCodecModels Instance { get; } = new();

    private readonly Dictionary<int, ObjectModel> _objects;

    private ValueCodecModels()
    {
        var objects = new[]
        {
            Object(1, "LwM2M Server", multipleInstances: true,
                R(0, "Short Server ID", ResourceType.Integer), R(1, "Lifetime", ResourceType.Integer),
                R(2, "Default Minimum Period", ResourceType.Integer), R(3, "Default Maximum Period", ResourceType.Integer),
                R(4, "Disable", ResourceType.None), R(5, "Disable Timeout", ResourceType.Integer),
                R(6, "Notification Storing", ResourceType.Boolean), R(7, "Binding", ResourceType.String),
                R(8, "Registration Update Trigger", ResourceType.None)),
            Object(2, "LwM2M Access Control", multipleInstances: true,
                R(0, "Object ID", ResourceType.Integer), R(1, "Object Instance ID", ResourceType.Integer),
                R(2, "ACL", ResourceType.Integer, multiple: true), R(3, "Access Control Owner", ResourceType.Integer)),
            Object(3, "Device", multipleInstances: false,
                R(0, "Manufacturer", ResourceType.String), R(1, "Model Number", ResourceType.String),
                R(2, "Serial Number", ResourceType.String), R(3, "Firmware Version", ResourceType.String),
                R(4, "Reboot", ResourceType.None), R(5, "Factory Reset", ResourceType.None),
                R(6, "Available Power Sources", ResourceType.Integer, multiple: true),
                R(7, "Power Source Voltage", ResourceType.Integer, multiple: true),
                R(8, "Power Source Current", ResourceType.Integer, multiple: true),
                R(9, "Battery Level", ResourceType.Integer), R(10, "Memory Free", ResourceType.Integer),
                R(11, "Error Code", ResourceType.Integer, multiple: true), R(12, "Reset Error Code", ResourceType.None),
                R(13, "Current Time", ResourceType.Time), R(14, "UTC Offset", ResourceType.String),
                R(15, "Timezone", ResourceType.String), R(16, "Supported Binding and Modes", ResourceType.String),
                R(17, "Device Type", ResourceType.String), R(18, "Hardware Version", ResourceType.String),
                R(19, "Software Version", ResourceType.String), R(20, "Battery Status", ResourceType.Integer),
                R(21, "Memory Total", ResourceType.Integer), R(22, "ExtDevInfo", ResourceType.Objlnk, multiple: true)),
            Object(5, "Firmware Update", multipleInstances: false,
                R(0, "Package", ResourceType.Opaque), R(1, "Package URI", ResourceType.String), R(2, "Update", ResourceType.None)),
            Object(65, "Objlnk example 65", multipleInstances: false,
                R(0, "res0", ResourceType.Objlnk, multiple: true), R(1, "res1", ResourceType.String), R(2, "res2", ResourceType.Integer)),
            Object(66, "Objlnk example 66", multipleInstances: true,
                R(0, "res0", ResourceType.String), R(1, "res1", ResourceType.String), R(2, "res2", ResourceType.Objlnk)),
            Object(TestObjectId, "Every type", multipleInstances: true, TestResources().ToArray()),
        };
        _objects = objects.ToDictionary(o => o.Id);
    }

    public ObjectModel? GetObjectModel(int objectId) => _objects.GetValueOrDefault(objectId);

    public static ResourceModel Resource(int objectId, int resourceId) => Instance.GetObjectModel(objectId)!.GetResource(resourceId)!;

    private static IEnumerable<ResourceModel> TestResources()
    {
        for (int i = 0; i < ValueTypes.Length; i++)
        {
            yield return R(i, $"single {ValueTypes[i]}", ValueTypes[i]);
            yield return R(FirstMultipleId + i, $"multiple {ValueTypes[i]}", ValueTypes[i], multiple: true);
        }

        yield return R(9, "execute", ResourceType.None);
        yield return R(WideId, "16-bit id", ResourceType.String);
    }

    private static ObjectModel Object(int id, string name, bool multipleInstances, params ResourceModel[] resources) => new()
    {
        Id = id,
        Name = name,
        MultipleInstances = multipleInstances,
        Resources = resources.ToDictionary(r => r.Id),
    };

    private static ResourceModel R(int id, string name, ResourceType type, bool multiple = false) => new()
    {
        Id = id,
        Name = name,
        Type = type,
        Multiple = multiple,
        Operations = type == ResourceType.None ? ResourceOperations.Execute : ResourceOperations.Read | ResourceOperations.Write,
    };
}
