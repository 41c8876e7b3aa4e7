namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>What an encoded leaf writes.</summary>
internal enum CompositeLeafKind : byte
{
    /// <summary>A resource or resource instance value.</summary>
    Value,
    /// <summary>A path without value (Read-Composite request, Write-Composite delete).</summary>
    PathOnly,
    /// <summary>An empty object, instance or multiple resource (LwM2M CBOR writes an empty map).</summary>
    EmptyContainer,
}
