using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using FastLwm2m.Lwm2m.Internal;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// Object models keyed by (object id, <see cref="ObjectVersion"/>), as loaded from DDF files.
/// </summary>
/// <remarks>
/// <para>Index: object id → its versions, ascending, in a copy-on-write array. <see cref="GetLatest"/>
/// is one hash lookup, <see cref="TryGet"/> one hash lookup and a scan of that object's versions
/// (a handful), <see cref="All"/> a sort of all entries.</para>
/// <para>Thread safety: reads never lock and may run concurrently with each other and with writes
/// (a reader sees each object's versions before or after a write, never half of one); writes are
/// serialized. Models are immutable.</para>
/// <para>As an <see cref="IObjectModelProvider"/> it gives the latest version of each object; use
/// <see cref="ForVersions"/> for the versions a client registered.</para>
/// </remarks>
public sealed class ObjectModelRepository : IObjectModelProvider
{
    private const string VersionHistoryDirectory = "version_history";
    private const string CoreResourcePrefix = "FastLwm2m.Lwm2m.Model.Ddf.";

    private static readonly Lazy<ObjectModel[]> s_coreModels = new(LoadCoreModels);

    private readonly ConcurrentDictionary<int, ObjectModel[]> _byId = new();
    private readonly Lock _writeLock = new();
    private int _count;

    /// <summary>Creates an empty repository.</summary>
    public ObjectModelRepository()
    {
    }

    /// <summary>Creates a repository holding <paramref name="models"/> (a later duplicate (id, version) replaces an earlier one).</summary>
    public ObjectModelRepository(IEnumerable<ObjectModel> models) => AddRange(models);

    /// <summary>The number of (id, version) entries.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Every model, ordered by object id then version.</summary>
    public IReadOnlyList<ObjectModel> All
    {
        get
        {
            var all = new List<ObjectModel>(Count);
            foreach (KeyValuePair<int, ObjectModel[]> entry in _byId.OrderBy(static e => e.Key))
            {
                all.AddRange(entry.Value);
            }

            return all.AsReadOnly();
        }
    }

    /// <summary>Adds <paramref name="model"/>, replacing the model of the same id and version.</summary>
    /// <returns>The model it replaced, or null if (id, version) was new.</returns>
    public ObjectModel? Add(ObjectModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (_writeLock)
        {
            ObjectModel[] versions = _byId.TryGetValue(model.Id, out ObjectModel[]? existing) ? existing : [];
            int index = IndexOf(versions, model.Version);
            ObjectModel[] updated;
            ObjectModel? replaced = null;
            if (index >= 0)
            {
                replaced = versions[index];
                updated = (ObjectModel[])versions.Clone();
                updated[index] = model;
            }
            else
            {
                int insertAt = 0;
                while (insertAt < versions.Length && versions[insertAt].Version.CompareTo(model.Version) < 0)
                {
                    insertAt++;
                }

                updated = new ObjectModel[versions.Length + 1];
                Array.Copy(versions, updated, insertAt);
                updated[insertAt] = model;
                Array.Copy(versions, insertAt, updated, insertAt + 1, versions.Length - insertAt);
                Volatile.Write(ref _count, _count + 1);
            }

            // Published whole: readers hold either the old array or the new one.
            _byId[model.Id] = updated;
            return replaced;
        }
    }

    /// <summary>Adds each of <paramref name="models"/> as <see cref="Add"/> does.</summary>
    /// <returns>The models that were replaced.</returns>
    public IReadOnlyList<ObjectModel> AddRange(IEnumerable<ObjectModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        List<ObjectModel>? replaced = null;
        foreach (ObjectModel model in models)
        {
            if (Add(model) is { } old)
            {
                (replaced ??= []).Add(old);
            }
        }

        return replaced is null ? [] : replaced.AsReadOnly();
    }

    /// <summary>The model of object <paramref name="id"/> in exactly <paramref name="version"/>.</summary>
    public bool TryGet(int id, ObjectVersion version, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ObjectModel? model)
    {
        if (_byId.TryGetValue(id, out ObjectModel[]? versions))
        {
            int index = IndexOf(versions, version);
            if (index >= 0)
            {
                model = versions[index];
                return true;
            }
        }

        model = null;
        return false;
    }

    /// <summary>The highest known version of object <paramref name="id"/>, or null if it is unknown.</summary>
    public ObjectModel? GetLatest(int id) => _byId.TryGetValue(id, out ObjectModel[]? versions) ? versions[^1] : null;

    /// <summary>The known versions of object <paramref name="id"/>, ascending; empty if it is unknown.</summary>
    public IReadOnlyList<ObjectModel> GetVersions(int id)
        => _byId.TryGetValue(id, out ObjectModel[]? versions) ? Array.AsReadOnly(versions) : ReadOnlyCollection<ObjectModel>.Empty;

    /// <inheritdoc />
    /// <remarks>The latest version (<see cref="GetLatest"/>).</remarks>
    public ObjectModel? GetObjectModel(int objectId) => GetLatest(objectId);

    /// <summary>
    /// A provider bound to the object versions one client registered: for each object id,
    /// <paramref name="registeredVersion"/> gives the version from the client's registration links
    /// (<c>ver</c>), or null when it did not register the object, in which case the latest known
    /// version is used. A registered version this repository does not know yields no model (null):
    /// decoding against another version's definition could misread its resources.
    /// </summary>
    /// <param name="registeredVersion">Object id → registered version, or null. Called on every lookup; must be thread-safe.</param>
    public IObjectModelProvider ForVersions(Func<int, ObjectVersion?> registeredVersion)
    {
        ArgumentNullException.ThrowIfNull(registeredVersion);
        return new VersionBoundObjectModelProvider(this, registeredVersion);
    }

    /// <summary>
    /// Loads the DDF files (<c>*.xml</c>) of <paramref name="path"/> and, if
    /// <paramref name="includeVersionHistory"/>, of its <c>version_history</c> folder (the layout
    /// of the OMA LwM2M registry). A root file replaces a history file of the same (id, version).
    /// </summary>
    /// <param name="path">The directory.</param>
    /// <param name="includeVersionHistory">Whether to load <c>version_history/*.xml</c> too.</param>
    /// <param name="errors">One message per file that could not be read or parsed (files that are not DDF object files, such as the registry's <c>DDF.xml</c>, included); such files are skipped.</param>
    /// <returns>The models of every file that parsed.</returns>
    public static ObjectModelRepository LoadDirectory(string path, bool includeVersionHistory, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        var repository = new ObjectModelRepository();
        var problems = new List<string>();
        errors = problems;
        if (!Directory.Exists(path))
        {
            problems.Add($"{path}: directory not found");
            return repository;
        }

        if (includeVersionHistory)
        {
            string history = Path.Combine(path, VersionHistoryDirectory);
            if (Directory.Exists(history))
            {
                repository.LoadFiles(history, VersionHistoryDirectory + "/", problems);
            }
        }

        repository.LoadFiles(path, "", problems);
        return repository;
    }

    /// <summary>
    /// A repository holding the core objects built into this library, every published version of
    /// each: 0 Security, 1 Server, 2 Access Control, 3 Device, 4 Connectivity Monitoring,
    /// 5 Firmware Update, 6 Location, 7 Connectivity Statistics, 9 Software Management and
    /// 19 BinaryAppDataContainer (DDF files of the OMA LwM2M registry). Each call returns a new
    /// repository, to which more models can be added.
    /// </summary>
    public static ObjectModelRepository CreateWithCoreModels() => new(s_coreModels.Value);

    private void LoadFiles(string directory, string namePrefix, List<string> problems)
    {
        var options = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = false };
        string[] files = Directory.GetFiles(directory, "*.xml", options);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (string file in files)
        {
            string name = namePrefix + Path.GetFileName(file);
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
                if (DdfParser.TryParse(stream, name, out IReadOnlyList<ObjectModel> models, out string? error))
                {
                    AddRange(models);
                }
                else
                {
                    problems.Add(error!);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{name}: {e.Message}");
            }
        }
    }

    private static int IndexOf(ObjectModel[] versions, ObjectVersion version)
    {
        for (int i = 0; i < versions.Length; i++)
        {
            if (versions[i].Version == version)
            {
                return i;
            }
        }

        return -1;
    }

    private static ObjectModel[] LoadCoreModels()
    {
        System.Reflection.Assembly assembly = typeof(ObjectModelRepository).Assembly;
        var models = new List<ObjectModel>();
        foreach (string resource in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            if (!resource.StartsWith(CoreResourcePrefix, StringComparison.Ordinal)
                || !resource.EndsWith(".xml", StringComparison.Ordinal))
            {
                continue;
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            if (!DdfParser.TryParse(stream, resource[CoreResourcePrefix.Length..], out IReadOnlyList<ObjectModel> parsed, out string? error))
            {
                // The embedded files are part of this library: failing to parse one is a bug.
                throw new InvalidOperationException($"Built-in object model {error}");
            }

            models.AddRange(parsed);
        }

        return [.. models];
    }
}
