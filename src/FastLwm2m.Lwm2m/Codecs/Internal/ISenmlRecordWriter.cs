namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Writes SenML records in one representation (JSON or CBOR). Implemented by structs so that
/// <see cref="SenmlPackWriter"/>'s generic methods are specialized and the calls devirtualized.
/// </summary>
internal interface ISenmlRecordWriter
{
    /// <summary>Opens the pack array of <paramref name="count"/> records.</summary>
    void StartPack(int count);

    /// <summary>Closes the pack array.</summary>
    void EndPack();

    /// <summary>
    /// One record: <c>bn</c> and <c>n</c> when not empty, <c>t</c> when the leaf has a time, and the
    /// value field of the leaf's type when it has a value (Core §7.4.5).
    /// </summary>
    void WriteRecord(ReadOnlySpan<char> baseName, ReadOnlySpan<char> name, in CompositeLeaf leaf);
}
