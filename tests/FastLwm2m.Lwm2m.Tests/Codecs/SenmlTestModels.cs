namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>
/// Object models for the composite codec tests (SenML JSON/CBOR, LwM2M CBOR, LwM2M JSON): the Core
/// objects of the spec examples (Server 1, Device 3 with the 1.1 resources), the objects 65 and 66
/// of the Objlnk example (Core §7.4.3.2), Temperature 3303 (IPSO), and a test object 9100 with a
/// resource of every type, single (0-8) and multiple (10-18), plus an executable (19).
/// </summary>
internal sealed class SenmlTestModels : IObjectModelProvider
{
    public const int AllTypesObjectId = 9100;
    public const int FirstMultipleId = 10;
    public const int ExecutableId = 19;

    /// <summary>The value types, in the order of the test object's resource ids.</summary>
    public static readonly ResourceType[] ValueTypes =
    [
        ResourceType.String, ResourceType.Integer, ResourceType.UnsignedInteger, ResourceType.Float, ResourceType.Boolean,
        ResourceType.Opaque, ResourceType.Time, ResourceType.Objlnk, ResourceType.Corelnk,
    ];

    public static SenmlTestModels Instance { get; } = new();

    /// <summary>A provider that knows no object (decoding then types values by their encoding).</summary>
    public static IObjectModelProvider None { get; } = new NoModels();

    private readonly Dictionary<int, ObjectModel> _objects;

    private SenmlTestModels()
    {
        var allTypes = new List<ResourceModel>();
        for (int i = 0; i < ValueTypes.Length; i++)
        {
            allTypes.Add(R(i, $"single {ValueTypes[i]}", ValueTypes[i]));
            allTypes.Add(R(FirstMultipleId + i, $"multiple {ValueTypes[i]}", ValueTypes[i], multiple: true));
        }

        allTypes.Add(R(ExecutableId, "execute", ResourceType.None));

        var objects = new[]
        {
            Object(1, "LwM2M Server",
                R(0, "Short Server ID", ResourceType.Integer), R(1, "Lifetime", ResourceType.Integer),
                R(2, "Default Minimum Period", ResourceType.Integer), R(3, "Default Maximum Period", ResourceType.Integer),
                R(4, "Disable", ResourceType.None), R(6, "Notification Storing", ResourceType.Boolean),
                R(7, "Binding", ResourceType.String)),
            Object(3, "Device",
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
            Object(65, "Objlnk example 65",
                R(0, "res0", ResourceType.Objlnk, multiple: true), R(1, "res1", ResourceType.String), R(2, "res2", ResourceType.Integer)),
            Object(66, "Objlnk example 66",
                R(0, "res0", ResourceType.String), R(1, "res1", ResourceType.String), R(2, "res2", ResourceType.Objlnk)),
            Object(3303, "Temperature",
                R(5700, "Sensor Value", ResourceType.Float), R(5701, "Sensor Units", ResourceType.String)),
            Object(AllTypesObjectId, "All types", [.. allTypes]),
        };
        _objects = objects.ToDictionary(o => o.Id);
    }

    public ObjectModel? GetObjectModel(int objectId) => _objects.GetValueOrDefault(objectId);

    public ResourceModel Resource(int objectId, int resourceId) => _objects[objectId].Resources[resourceId];

    /// <summary>The models of the test object's resources that have a value.</summary>
    public IEnumerable<ResourceModel> AllTypesResources =>
        _objects[AllTypesObjectId].Resources.Values.Where(r => r.Type != ResourceType.None).OrderBy(r => r.Id);

    private static ObjectModel Object(int id, string name, params ResourceModel[] resources) => new()
    {
        Id = id,
        Name = name,
        MultipleInstances = true,
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

    private sealed class NoModels : IObjectModelProvider
    {
        public ObjectModel? GetObjectModel(int objectId) => null;
    }
}
