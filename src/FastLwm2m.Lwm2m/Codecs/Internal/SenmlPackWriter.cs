namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Lays leaves out as SenML records (Core §7.4.5). A node read at a path is written as Leshan does:
/// the first record carries <c>bn</c> = the path ("/3/0/") and every record a name relative to it
/// ("0", "6/1"); a single value at the path gets <c>bn</c> = its full path and no <c>n</c>.
/// Composite payloads (several paths) write a full name in <c>n</c> on every record and no <c>bn</c>,
/// so that a record never inherits a base name meant for another path.
/// </summary>
internal static class SenmlPackWriter
{
    public static void WriteRelative<TWriter>(TWriter writer, List<CompositeLeaf> leaves, Lwm2mPath basePath)
        where TWriter : struct, ISenmlRecordWriter
    {
        Span<char> baseName = stackalloc char[CompositePathText.MaxLength];
        Span<char> name = stackalloc char[CompositePathText.MaxLength];
        writer.StartPack(leaves.Count);
        for (int i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i];
            int baseLength = 0;
            int nameLength = 0;
            if (leaf.Path.Depth == basePath.Depth)
            {
                // The value at the path itself: bn is the whole name.
                if (i == 0)
                {
                    baseLength = CompositePathText.FormatFull(basePath, baseName);
                }
                else
                {
                    nameLength = CompositePathText.FormatFull(leaf.Path, name);
                }
            }
            else
            {
                if (i == 0)
                {
                    baseLength = CompositePathText.FormatBase(basePath, baseName);
                }

                nameLength = CompositePathText.FormatRelative(leaf.Path, basePath.Depth, name);
            }

            writer.WriteRecord(baseName[..baseLength], name[..nameLength], leaf);
        }

        writer.EndPack();
    }

    public static void WriteFull<TWriter>(TWriter writer, List<CompositeLeaf> leaves)
        where TWriter : struct, ISenmlRecordWriter
    {
        Span<char> name = stackalloc char[CompositePathText.MaxLength];
        writer.StartPack(leaves.Count);
        foreach (var leaf in leaves)
        {
            int nameLength = CompositePathText.FormatFull(leaf.Path, name);
            writer.WriteRecord(ReadOnlySpan<char>.Empty, name[..nameLength], leaf);
        }

        writer.EndPack();
    }
}
