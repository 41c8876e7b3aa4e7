namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Paths as the composite formats name them (SenML <c>bn</c>/<c>n</c>, LwM2M JSON names), written
/// into a caller's buffer without allocating. The object version of a path is never written: it is
/// not part of a record name (Core §7.4.5).
/// </summary>
internal static class CompositePathText
{
    /// <summary>The longest path text, "/65535/65534/65535/65534/".</summary>
    public const int MaxLength = 4 * (1 + 5) + 1;

    /// <summary>The longest record name accepted when decoding (after bn + n concatenation).</summary>
    public const int MaxNameLength = 128;

    /// <summary>The id at <paramref name="level"/> (0 = object … 3 = resource instance).</summary>
    public static int IdAt(Lwm2mPath path, int level) => level switch
    {
        0 => path.ObjectId,
        1 => path.InstanceId,
        2 => path.ResourceId,
        _ => path.ResourceInstanceId,
    };

    /// <summary>"/3/0/9", or "/" for the root.</summary>
    public static int FormatFull(Lwm2mPath path, Span<char> destination)
    {
        if (path.IsRoot)
        {
            destination[0] = '/';
            return 1;
        }

        return FormatFrom(path, 0, leadingSlash: true, destination);
    }

    /// <summary>"/3/0/" (the base name of a container), or "/" for the root.</summary>
    public static int FormatBase(Lwm2mPath path, Span<char> destination)
    {
        int length = FormatFull(path, destination);
        if (!path.IsRoot)
        {
            destination[length++] = '/';
        }

        return length;
    }

    /// <summary>The ids of <paramref name="path"/> from <paramref name="fromLevel"/> on, "6/0" (empty when none).</summary>
    public static int FormatRelative(Lwm2mPath path, int fromLevel, Span<char> destination) =>
        FormatFrom(path, fromLevel, leadingSlash: false, destination);

    /// <summary>Builds a path from ids, checking each against its range (Core §6.1: 65535 is reserved for instances).</summary>
    public static bool TryCreate(ReadOnlySpan<int> ids, out Lwm2mPath path)
    {
        path = Lwm2mPath.Root;
        for (int i = 0; i < ids.Length; i++)
        {
            int max = i is 0 or 2 ? 65535 : 65534;
            if ((uint)ids[i] > (uint)max)
            {
                return false;
            }
        }

        path = ids.Length switch
        {
            0 => Lwm2mPath.Root,
            1 => Lwm2mPath.Object(ids[0]),
            2 => Lwm2mPath.Instance(ids[0], ids[1]),
            3 => Lwm2mPath.Resource(ids[0], ids[1], ids[2]),
            4 => Lwm2mPath.ResourceInstance(ids[0], ids[1], ids[2], ids[3]),
            _ => Lwm2mPath.Root,
        };
        return ids.Length <= 4;
    }

    private static int FormatFrom(Lwm2mPath path, int fromLevel, bool leadingSlash, Span<char> destination)
    {
        int length = 0;
        int depth = path.Depth;
        for (int level = fromLevel; level < depth; level++)
        {
            if (leadingSlash || level > fromLevel)
            {
                destination[length++] = '/';
            }

            IdAt(path, level).TryFormat(destination[length..], out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
            length += written;
        }

        return length;
    }
}
