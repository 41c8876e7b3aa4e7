namespace FastLwm2m.Lwm2m;

/// <summary>An Objlnk value (Core Appendix C): "objectId:instanceId"; 65535:65535 is the null link.</summary>
public readonly record struct ObjectLink(ushort ObjectId, ushort InstanceId)
{
    /// <summary>The null link (MAX_ID:MAX_ID).</summary>
    public static ObjectLink Null => new(65535, 65535);

    /// <summary>Parses "3:0".</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ObjectLink link)
    {
        link = default;
        int colon = text.IndexOf(':');
        if (colon <= 0
            || !ushort.TryParse(text[..colon], System.Globalization.NumberStyles.None, null, out ushort o)
            || !ushort.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, null, out ushort i))
        {
            return false;
        }

        link = new ObjectLink(o, i);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{ObjectId}:{InstanceId}";
}
