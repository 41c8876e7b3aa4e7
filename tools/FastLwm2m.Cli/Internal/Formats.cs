using System.Globalization;
using FastLwm2m.Control.V1;
using Google.Protobuf.WellKnownTypes;

namespace FastLwm2m.Cli.Internal;

/// <summary>How values print in tables.</summary>
internal static class Formats
{
    /// <summary>A device given on the command line: a UUID is an id, anything else an endpoint.</summary>
    public static DeviceRef Device(string text) =>
        Guid.TryParse(text, out _) ? new DeviceRef { Id = text } : new DeviceRef { Endpoint = text };

    public static string Time(Timestamp? time) =>
        time is null ? "" : time.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Security(CredentialsType type) => type switch
    {
        CredentialsType.Nosec => "nosec",
        CredentialsType.Psk => "psk",
        CredentialsType.Rpk => "rpk",
        CredentialsType.X509 => "x509",
        _ => "?",
    };

    public static string Scope(ModelScope scope) => scope switch
    {
        ModelScope.System => "system",
        ModelScope.Tenant => "tenant",
        _ => "",
    };

    public static string Value(TelemetryValue? value) => value?.ValueCase switch
    {
        TelemetryValue.ValueOneofCase.StringValue => value.StringValue,
        TelemetryValue.ValueOneofCase.IntegerValue => value.IntegerValue.ToString(CultureInfo.InvariantCulture),
        TelemetryValue.ValueOneofCase.UnsignedValue => value.UnsignedValue.ToString(CultureInfo.InvariantCulture),
        TelemetryValue.ValueOneofCase.FloatValue => value.FloatValue.ToString("R", CultureInfo.InvariantCulture),
        TelemetryValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        TelemetryValue.ValueOneofCase.OpaqueValue => "0x" + Convert.ToHexString(value.OpaqueValue.Span),
        TelemetryValue.ValueOneofCase.TimeValue => DateTimeOffset.FromUnixTimeSeconds(value.TimeValue).ToString("u", CultureInfo.InvariantCulture),
        TelemetryValue.ValueOneofCase.ObjlnkValue => value.ObjlnkValue,
        _ => "",
    };

    /// <summary>Parses a time option: ISO 8601 (UTC unless an offset is given) or Unix milliseconds.</summary>
    public static DateTimeOffset ParseTime(string option, string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        throw new UsageException($"{option}: expected an ISO 8601 time or Unix milliseconds, got \"{text}\"");
    }
}
