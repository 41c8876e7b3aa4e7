namespace FastLwm2m.Lwm2m;

/// <summary>The LwM2M enabler versions a client can register with (the <c>lwm2m</c> parameter).</summary>
public enum Lwm2mVersion : byte
{
    /// <summary>LwM2M 1.0 (no <c>lwm2m</c> parameter means 1.0).</summary>
    V1_0 = 10,
    /// <summary>LwM2M 1.1.</summary>
    V1_1 = 11,
    /// <summary>LwM2M 1.2.</summary>
    V1_2 = 12,
}

/// <summary>Parsing and formatting of <see cref="Lwm2mVersion"/>.</summary>
public static class Lwm2mVersions
{
    /// <summary>Parses "1.0", "1.1", "1.2" (LwM2M 1.1 Transport §6.2: <c>lwm2m=1.1</c>).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out Lwm2mVersion version)
    {
        version = default;
        if (text.Length != 3 || text[0] != (byte)'1' || text[1] != (byte)'.')
        {
            return false;
        }

        switch (text[2])
        {
            case (byte)'0': version = Lwm2mVersion.V1_0; return true;
            case (byte)'1': version = Lwm2mVersion.V1_1; return true;
            case (byte)'2': version = Lwm2mVersion.V1_2; return true;
            default: return false;
        }
    }

    /// <summary>"1.0", "1.1" or "1.2".</summary>
    public static string ToText(this Lwm2mVersion version) => version switch
    {
        Lwm2mVersion.V1_0 => "1.0",
        Lwm2mVersion.V1_1 => "1.1",
        Lwm2mVersion.V1_2 => "1.2",
        _ => "?",
    };
}
