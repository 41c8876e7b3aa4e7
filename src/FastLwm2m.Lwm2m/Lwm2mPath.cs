using System.Globalization;
using System.Text;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// A path in the LwM2M data model (Core §6.1): <c>/</c>, <c>/3</c>, <c>/3/0</c>, <c>/3/0/9</c>,
/// <c>/3/0/11/0</c>, optionally with the object version of the functional reference:
/// <c>/3_1.2/0/9</c> (the request is only valid for a client that registered object 3 in
/// version 1.2). Ids are 0-65535 (65535 is reserved for instances and resource instances, so
/// paths never contain it). A value type: no allocation to hold, compare or hash.
/// </summary>
public readonly struct Lwm2mPath : IEquatable<Lwm2mPath>, IComparable<Lwm2mPath>
{
    private const int None = -1;

    private readonly int _object;
    private readonly int _instance;
    private readonly int _resource;
    private readonly int _resourceInstance;
    private readonly ushort _version; // packed ObjectVersion; 0 = not given

    private Lwm2mPath(int objectId, int instanceId, int resourceId, int resourceInstanceId, ushort version)
    {
        _object = objectId;
        _instance = instanceId;
        _resource = resourceId;
        _resourceInstance = resourceInstanceId;
        _version = version;
    }

    /// <summary>The root path "/".</summary>
    public static Lwm2mPath Root => new(None, None, None, None, 0);

    /// <summary>An object path.</summary>
    public static Lwm2mPath Object(int objectId, ObjectVersion? version = null) =>
        new(CheckId(objectId, nameof(objectId), 65535), None, None, None, version?.Packed ?? 0);

    /// <summary>An object instance path.</summary>
    public static Lwm2mPath Instance(int objectId, int instanceId) =>
        new(CheckId(objectId, nameof(objectId), 65535), CheckId(instanceId, nameof(instanceId), 65534), None, None, 0);

    /// <summary>A resource path.</summary>
    public static Lwm2mPath Resource(int objectId, int instanceId, int resourceId) =>
        new(CheckId(objectId, nameof(objectId), 65535), CheckId(instanceId, nameof(instanceId), 65534), CheckId(resourceId, nameof(resourceId), 65535), None, 0);

    /// <summary>A resource instance path.</summary>
    public static Lwm2mPath ResourceInstance(int objectId, int instanceId, int resourceId, int resourceInstanceId) =>
        new(CheckId(objectId, nameof(objectId), 65535), CheckId(instanceId, nameof(instanceId), 65534), CheckId(resourceId, nameof(resourceId), 65535), CheckId(resourceInstanceId, nameof(resourceInstanceId), 65534), 0);

    /// <summary>Object id, or -1 for the root.</summary>
    public int ObjectId => _object;

    /// <summary>Object instance id, or -1.</summary>
    public int InstanceId => _instance;

    /// <summary>Resource id, or -1.</summary>
    public int ResourceId => _resource;

    /// <summary>Resource instance id, or -1.</summary>
    public int ResourceInstanceId => _resourceInstance;

    /// <summary>The object version given in the path (<c>/3_1.2</c>), or null.</summary>
    public ObjectVersion? ObjectVersion => _version == 0 ? null : Lwm2m.ObjectVersion.FromPacked(_version);

    /// <summary>"/".</summary>
    public bool IsRoot => _object == None;

    /// <summary>"/3".</summary>
    public bool IsObject => _object != None && _instance == None;

    /// <summary>"/3/0".</summary>
    public bool IsObjectInstance => _instance != None && _resource == None;

    /// <summary>"/3/0/9".</summary>
    public bool IsResource => _resource != None && _resourceInstance == None;

    /// <summary>"/3/0/11/0".</summary>
    public bool IsResourceInstance => _resourceInstance != None;

    /// <summary>Number of ids (0 for the root, 4 for a resource instance).</summary>
    public int Depth => _object == None ? 0 : _instance == None ? 1 : _resource == None ? 2 : _resourceInstance == None ? 3 : 4;

    /// <summary>The same path without the object version.</summary>
    public Lwm2mPath WithoutVersion => new(_object, _instance, _resource, _resourceInstance, 0);

    /// <summary>The same path with an object version (only meaningful when it names an object).</summary>
    public Lwm2mPath WithVersion(ObjectVersion? version) => new(_object, _instance, _resource, _resourceInstance, version?.Packed ?? 0);

    /// <summary>The parent path (the root's parent is the root).</summary>
    public Lwm2mPath Parent => Depth switch
    {
        4 => new(_object, _instance, _resource, None, _version),
        3 => new(_object, _instance, None, None, _version),
        2 => new(_object, None, None, None, _version),
        _ => Root,
    };

    /// <summary>A child path one level down.</summary>
    public Lwm2mPath Append(int id) => Depth switch
    {
        0 => Object(id),
        1 => new(_object, CheckId(id, nameof(id), 65534), None, None, _version),
        2 => new(_object, _instance, CheckId(id, nameof(id), 65535), None, _version),
        3 => new(_object, _instance, _resource, CheckId(id, nameof(id), 65534), _version),
        _ => throw new InvalidOperationException("A resource instance path has no children."),
    };

    /// <summary>Whether <paramref name="other"/> is this path or below it (versions ignored).</summary>
    public bool StartsWith(Lwm2mPath other)
    {
        int depth = other.Depth;
        if (depth > Depth)
        {
            return false;
        }

        return (depth < 1 || _object == other._object)
            && (depth < 2 || _instance == other._instance)
            && (depth < 3 || _resource == other._resource)
            && (depth < 4 || _resourceInstance == other._resourceInstance);
    }

    /// <summary>Parses "/3_1.2/0/9"; throws <see cref="FormatException"/> with the reason.</summary>
    public static Lwm2mPath Parse(string text) =>
        TryParse(text, out var path, out string? error) ? path : throw new FormatException($"Invalid LwM2M path \"{text}\": {error}.");

    /// <summary>
    /// Parses a path: a leading '/', up to four '/'-separated decimal ids, the first optionally
    /// followed by "_major.minor". A trailing '/' is tolerated ("/3/0/"). Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Lwm2mPath path, out string? error)
    {
        path = Root;
        error = null;
        if (text.IsEmpty || text[0] != '/')
        {
            error = "a path starts with '/'";
            return false;
        }

        text = text[1..];
        if (text.Length > 0 && text[^1] == '/')
        {
            text = text[..^1];
        }

        if (text.IsEmpty)
        {
            return true;
        }

        Span<int> ids = stackalloc int[4];
        int count = 0;
        ushort version = 0;
        while (!text.IsEmpty)
        {
            int slash = text.IndexOf('/');
            var segment = slash < 0 ? text : text[..slash];
            text = slash < 0 ? ReadOnlySpan<char>.Empty : text[(slash + 1)..];
            if (slash >= 0 && text.IsEmpty)
            {
                error = "empty segment";
                return false;
            }

            if (count == 4)
            {
                error = "more than four ids (object/instance/resource/resource instance)";
                return false;
            }

            if (count == 0)
            {
                int underscore = segment.IndexOf('_');
                if (underscore >= 0)
                {
                    if (!Lwm2m.ObjectVersion.TryParse(segment[(underscore + 1)..], out var v) || v.Packed == 0)
                    {
                        error = $"invalid object version \"{segment[(underscore + 1)..]}\" (expected major.minor, e.g. 1.2)";
                        return false;
                    }

                    version = v.Packed;
                    segment = segment[..underscore];
                }
            }

            if (segment.IsEmpty || segment.Length > 5 || (segment.Length > 1 && segment[0] == '0')
                || !int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            {
                error = $"\"{segment}\" is not a decimal id";
                return false;
            }

            int max = count is 0 or 2 ? 65535 : 65534;
            if (id > max)
            {
                error = $"id {id} is out of range (0-{max})";
                return false;
            }

            ids[count++] = id;
        }

        path = new Lwm2mPath(ids[0], count > 1 ? ids[1] : None, count > 2 ? ids[2] : None, count > 3 ? ids[3] : None, version);
        return true;
    }

    /// <summary>"/3_1.2/0/9" form (the version only when given).</summary>
    public override string ToString()
    {
        if (IsRoot)
        {
            return "/";
        }

        var sb = new StringBuilder();
        sb.Append('/').Append(_object);
        if (_version != 0)
        {
            sb.Append('_').Append(Lwm2m.ObjectVersion.FromPacked(_version));
        }

        if (_instance != None)
        {
            sb.Append('/').Append(_instance);
        }

        if (_resource != None)
        {
            sb.Append('/').Append(_resource);
        }

        if (_resourceInstance != None)
        {
            sb.Append('/').Append(_resourceInstance);
        }

        return sb.ToString();
    }

    /// <summary>The CoAP Uri-Path segments (no version: it is not sent to the device).</summary>
    public IEnumerable<string> UriSegments()
    {
        if (_object != None) yield return _object.ToString(CultureInfo.InvariantCulture);
        if (_instance != None) yield return _instance.ToString(CultureInfo.InvariantCulture);
        if (_resource != None) yield return _resource.ToString(CultureInfo.InvariantCulture);
        if (_resourceInstance != None) yield return _resourceInstance.ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool Equals(Lwm2mPath other) =>
        _object == other._object && _instance == other._instance && _resource == other._resource
        && _resourceInstance == other._resourceInstance && _version == other._version;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Lwm2mPath p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_object, _instance, _resource, _resourceInstance, _version);

    /// <summary>Order: by object, instance, resource, resource instance (shorter first).</summary>
    public int CompareTo(Lwm2mPath other)
    {
        int c = _object.CompareTo(other._object);
        if (c == 0) c = _instance.CompareTo(other._instance);
        if (c == 0) c = _resource.CompareTo(other._resource);
        if (c == 0) c = _resourceInstance.CompareTo(other._resourceInstance);
        return c != 0 ? c : _version.CompareTo(other._version);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Lwm2mPath a, Lwm2mPath b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Lwm2mPath a, Lwm2mPath b) => !a.Equals(b);

    private static int CheckId(int id, string name, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, max, name);
        return id;
    }
}
