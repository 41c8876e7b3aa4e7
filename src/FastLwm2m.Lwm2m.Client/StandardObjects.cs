using System.Globalization;

namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// The objects a simulated device offers: Security (0), Server (1), Device (3), Connectivity
/// Monitoring (4), Firmware Update (5), Location (6), Software Management (9) and Binary App Data
/// Container (19), each in the newest version defined for the client's LwM2M version.
/// </summary>
public static class StandardObjects
{
    /// <summary>The object ids <see cref="Create"/> makes.</summary>
    public static IReadOnlyList<int> ObjectIds { get; } = [0, 1, 3, 4, 5, 6, 9, 19];

    /// <summary>Makes the standard objects for <paramref name="options"/>, with one instance each (Binary App Data Container: instance 0 with one data entry).</summary>
    public static IReadOnlyList<ObjectEnabler> Create(Lwm2mClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateWith(options, options.Models ?? ObjectModelRepository.CreateWithCoreModels());
    }

    internal static IReadOnlyList<ObjectEnabler> CreateWith(Lwm2mClientOptions options, ObjectModelRepository models)
    {
        string binding = BindingText(options.Binding, options.QueueMode, options.Version);
        string serverUri = options.ServerEndPoint is { } server
            ? $"coap://{(server.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{server.Address}]" : server.Address.ToString())}:{server.Port.ToString(CultureInfo.InvariantCulture)}"
            : "coap://localhost:5685";
        var list = new List<ObjectEnabler>();

        void Add(int id, Func<ObjectModel, InstanceEnabler[]> instances, Func<ObjectModel, int, InstanceEnabler>? factory = null)
        {
            if (SelectModel(models, id, options.Version) is { } model)
            {
                list.Add(new ObjectEnabler(model, instances(model), factory));
            }
        }

        Add(0, m => [new SecurityEnabler(m, 0, serverUri, options.ShortServerId)]);
        Add(1, m => [new ServerEnabler(m, 0, options.ShortServerId, options.LifetimeSeconds, binding)]);
        Add(3, m => [new DeviceEnabler(m, options.EndpointName, binding)]);
        Add(4, m => [new ConnectivityMonitoringEnabler(m)]);
        Add(5, m => [new FirmwareUpdateEnabler(m)]);
        Add(6, m => [new LocationEnabler(m)]);
        Add(9, m => [new SoftwareManagementEnabler(m, 0)], static (m, id) => new SoftwareManagementEnabler(m, id));
        Add(19, m =>
        {
            var container = new InstanceEnabler(m, 0);
            container.SetValues(0, Lwm2mValue.FromOpaque([0x01, 0x02, 0x03]));
            return [container];
        });
        return list;
    }

    /// <summary>
    /// The newest version of object <paramref name="objectId"/> whose DDF targets
    /// <paramref name="version"/> or an earlier LwM2M version (<c>LWM2MVersion</c>); the oldest
    /// known version if none does; null if the object is unknown.
    /// </summary>
    public static ObjectModel? SelectModel(ObjectModelRepository models, int objectId, Lwm2mVersion version)
    {
        ArgumentNullException.ThrowIfNull(models);
        var versions = models.GetVersions(objectId);
        ObjectModel? best = null;
        foreach (var model in versions)
        {
            if (ObjectVersion.TryParse(model.Lwm2mVersion, out var target) && target.Major * 10 + target.Minor <= (int)version)
            {
                best = model;
            }
        }

        return best ?? (versions.Count > 0 ? versions[0] : null);
    }

    /// <summary>The Binding text of the Server object and Device's Supported Binding: "U", or "UQ" for a 1.0 queue-mode client.</summary>
    internal static string BindingText(BindingMode binding, bool queueMode, Lwm2mVersion version)
    {
        string text = binding.ToListText().Replace(", ", "", StringComparison.Ordinal);
        return queueMode && version == Lwm2mVersion.V1_0 ? text + "Q" : text;
    }
}
