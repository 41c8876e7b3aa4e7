using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Profiles;

public sealed partial class ProfileService
{
    private const int MaxNameLength = 255;
    private const int MaxInstanceId = 65534;

    /// <summary>The profile as it will be stored, or null and every error found.</summary>
    private async Task<(DeviceProfile? Profile, List<ProfileValidationError> Errors)> NormalizeAsync(DeviceProfile profile, CancellationToken cancellationToken)
    {
        var errors = new List<ProfileValidationError>();
        string name = profile.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new("name", "required"));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new("name", $"longer than {MaxNameLength} characters"));
        }
        else
        {
            foreach (DeviceProfile other in await _store.ListAsync(profile.Tenant, cancellationToken).ConfigureAwait(false))
            {
                if (other.Id != profile.Id && string.Equals(other.Name, name, StringComparison.Ordinal))
                {
                    errors.Add(new("name", $"\"{name}\" is already the name of profile {other.Id}"));
                }
            }
        }

        Lwm2mTransportConfiguration transport = profile.Transport ?? new Lwm2mTransportConfiguration();
        if (!Enum.IsDefined(transport.ObserveStrategy))
        {
            errors.Add(new("observeStrategy", $"unknown strategy {(int)transport.ObserveStrategy}"));
        }

        List<ProfileObject> objects = await NormalizeObjectsAsync(profile.Tenant, transport.Objects ?? [], errors, cancellationToken).ConfigureAwait(false);
        var listed = (transport.Objects ?? []).Select(static o => o.ObjectId).ToHashSet();
        Dictionary<Lwm2mPath, NotificationAttributes> attributes = NormalizeAttributes(transport.NotificationAttributes, objects, listed, errors);
        ValidateBootstrap(transport.Bootstrap ?? new BootstrapSettings(), errors);
        OtaSettings ota = transport.Ota ?? new OtaSettings();
        if (!Enum.IsDefined(ota.FirmwareStrategy))
        {
            errors.Add(new("ota.firmwareStrategy", $"unknown strategy {(int)ota.FirmwareStrategy}"));
        }

        if (!Enum.IsDefined(ota.SoftwareStrategy))
        {
            errors.Add(new("ota.softwareStrategy", $"unknown strategy {(int)ota.SoftwareStrategy}"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        DeviceProfile normalized = profile with
        {
            Name = name,
            Description = profile.Description ?? "",
            // Milliseconds: what every store keeps, so a profile reads back equal.
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds()),
            Transport = transport with
            {
                Objects = objects,
                NotificationAttributes = attributes,
                Bootstrap = transport.Bootstrap ?? new BootstrapSettings(),
                Ota = ota,
            },
        };
        return (normalized, errors);
    }

    private async Task<List<ProfileObject>> NormalizeObjectsAsync(
        TenantId tenant, IReadOnlyList<ProfileObject> input, List<ProfileValidationError> errors, CancellationToken cancellationToken)
    {
        // Pass 1: check objects and resources, keep flagged resources, take explicit keys in order.
        var seenObjects = new Dictionary<int, ObjectVersion>();
        var usedKeys = new Dictionary<string, Lwm2mPath>(StringComparer.Ordinal);
        var kept = new List<(ProfileObject Object, ObjectModel Model, List<ProfileResource> Resources)>();
        // Input order, so a duplicate is reported where it is repeated.
        foreach (ProfileObject obj in input)
        {
            string field = $"objects[{obj.Label}]";
            if (!seenObjects.TryAdd(obj.ObjectId, obj.Version))
            {
                errors.Add(new(field, $"object {obj.ObjectId} is already in the profile (version {seenObjects[obj.ObjectId]})"));
                continue;
            }

            ObjectModel? model = await FindModelAsync(tenant, obj.ObjectId, obj.Version, cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                errors.Add(new(field, $"object {obj.ObjectId} version {obj.Version} is not in the model library of tenant '{tenant}'"));
                continue;
            }

            var resources = new List<ProfileResource>();
            var seenResources = new HashSet<(int, int)>();
            foreach (ProfileResource resource in (obj.Resources ?? []).OrderBy(static r => r.InstanceId).ThenBy(static r => r.ResourceId))
            {
                if (!resource.HasFlags)
                {
                    continue;
                }

                string resourceField = $"{field}.resources[{ResourceLabel(resource)}]";
                if (resource.InstanceId is < 0 or > MaxInstanceId)
                {
                    errors.Add(new(resourceField + ".instanceId", $"{resource.InstanceId} is out of range (0-{MaxInstanceId})"));
                    continue;
                }

                if (model.GetResource(resource.ResourceId) is null)
                {
                    errors.Add(new(resourceField, $"object {obj.ObjectId} version {obj.Version} has no resource {resource.ResourceId}"));
                    continue;
                }

                if (!seenResources.Add((resource.InstanceId, resource.ResourceId)))
                {
                    errors.Add(new(resourceField, "listed twice"));
                    continue;
                }

                if (!string.IsNullOrEmpty(resource.Key))
                {
                    string key = resource.Key;
                    Lwm2mPath path = resource.PathIn(obj);
                    if (string.IsNullOrWhiteSpace(key) || key.Trim().Length != key.Length)
                    {
                        errors.Add(new(resourceField + ".key", $"\"{key}\" must not be blank or start or end with whitespace"));
                    }
                    else if (key.Length > KeyNames.MaxLength)
                    {
                        errors.Add(new(resourceField + ".key", $"longer than {KeyNames.MaxLength} characters"));
                    }
                    else if (!usedKeys.TryAdd(key, path))
                    {
                        errors.Add(new(resourceField + ".key", $"\"{key}\" is already used by {usedKeys[key]}"));
                    }
                }

                resources.Add(resource);
            }

            if (resources.Count > 0)
            {
                kept.Add((obj, model, resources));
            }
        }

        // Pass 2: generate the missing keys, a taken one getting the first free numeric suffix.
        var objects = new List<ProfileObject>(kept.Count);
        foreach ((ProfileObject obj, ObjectModel model, List<ProfileResource> resources) in kept.OrderBy(static k => k.Object.ObjectId))
        {
            for (int i = 0; i < resources.Count; i++)
            {
                ProfileResource resource = resources[i];
                if (!string.IsNullOrEmpty(resource.Key))
                {
                    continue;
                }

                string generated = KeyNames.FromResourceName(model.GetResource(resource.ResourceId)!.Name);
                if (generated.Length == 0)
                {
                    generated = $"resource{resource.ResourceId}";
                }

                string key = generated;
                for (int suffix = 2; usedKeys.ContainsKey(key); suffix++)
                {
                    key = generated + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                usedKeys.Add(key, resource.PathIn(obj));
                resources[i] = resource with { Key = key };
            }

            objects.Add(obj with { Resources = resources.AsReadOnly() });
        }

        return objects;
    }

    private static Dictionary<Lwm2mPath, NotificationAttributes> NormalizeAttributes(
        IReadOnlyDictionary<Lwm2mPath, NotificationAttributes>? input, List<ProfileObject> objects, HashSet<int> listed, List<ProfileValidationError> errors)
    {
        var result = new Dictionary<Lwm2mPath, NotificationAttributes>();
        if (input is null)
        {
            return result;
        }

        foreach ((Lwm2mPath path, NotificationAttributes attributes) in input.OrderBy(static a => a.Key))
        {
            string field = $"notificationAttributes[{path}]";
            if (path.IsRoot)
            {
                errors.Add(new(field, "the root path takes no notification attributes"));
                continue;
            }

            ProfileObject? obj = objects.FirstOrDefault(o => o.ObjectId == path.ObjectId);
            if (obj is null)
            {
                if (!listed.Contains(path.ObjectId))
                {
                    errors.Add(new(field, $"object {path.ObjectId} is not in the profile"));
                }

                // else: the object was dropped for having no flags; its attributes go with it.
                continue;
            }

            if (path.ObjectVersion is { } version && version != obj.Version)
            {
                errors.Add(new(field, $"the profile has object {obj.ObjectId} in version {obj.Version}"));
                continue;
            }

            if (attributes is null)
            {
                errors.Add(new(field, "no attributes"));
                continue;
            }

            if (attributes.Validate() is { } problem)
            {
                errors.Add(new(field, problem));
                continue;
            }

            if (!result.TryAdd(path.WithVersion(obj.Version), attributes))
            {
                errors.Add(new(field, "given twice (with and without the object version)"));
            }
        }

        return result;
    }

    private static void ValidateBootstrap(BootstrapSettings bootstrap, List<ProfileValidationError> errors)
    {
        var shortIds = new HashSet<int>();
        IReadOnlyList<BootstrapServerSettings> servers = bootstrap.Servers ?? [];
        for (int i = 0; i < servers.Count; i++)
        {
            BootstrapServerSettings server = servers[i];
            string field = $"bootstrap.servers[{i}]";
            if (server.ShortServerId is < 1 or > 65534)
            {
                errors.Add(new(field + ".shortServerId", $"{server.ShortServerId} is out of range (1-65534)"));
            }
            else if (!shortIds.Add(server.ShortServerId))
            {
                errors.Add(new(field + ".shortServerId", $"{server.ShortServerId} is used by another server"));
            }

            if (!Uri.TryCreate(server.Uri, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("coap" or "coaps"))
            {
                errors.Add(new(field + ".uri", $"\"{server.Uri}\" is not a coap:// or coaps:// URI"));
            }
        }
    }

    /// <summary>"9" for instance 0, "1/9" for another instance.</summary>
    private static string ResourceLabel(ProfileResource resource)
        => resource.InstanceId == 0 ? $"{resource.ResourceId}" : $"{resource.InstanceId}/{resource.ResourceId}";
}
