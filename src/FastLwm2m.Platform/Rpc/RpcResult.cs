using System.Text.Encodings.Web;
using System.Text.Json;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Rpc;

/// <summary>
/// The result of an RPC method: the result name ("CONTENT", "CHANGED", "BAD_REQUEST"...), the
/// value as the functional reference renders it, or an error message. <see cref="ToJson"/> gives
/// the guide's JSON; <see cref="Node"/>, <see cref="CompositeNodes"/> and <see cref="Response"/>
/// carry the same result structured, for callers that do not want to parse text.
/// </summary>
public sealed class RpcResult
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Creates a result.</summary>
    public RpcResult(string result, string? value = null, string? error = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(result);
        Result = result;
        Value = value;
        Error = error;
    }

    /// <summary>The result name: a response code name ("CONTENT", "NOT_FOUND"), or "BAD_REQUEST" for invalid params, "TIMEOUT" and the like when the device did not answer.</summary>
    public string Result { get; }

    /// <summary>The value as rendered text (null when the result carries none).</summary>
    public string? Value { get; }

    /// <summary>Why it failed (null on success).</summary>
    public string? Error { get; }

    /// <summary>Whether the method succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The node read or observed (Read, Observe).</summary>
    public Lwm2mNode? Node { get; init; }

    /// <summary>The nodes by path (ReadComposite, ObserveComposite).</summary>
    public IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? CompositeNodes { get; init; }

    /// <summary>The links of DiscoverAll (the client's tree from its registration); Discover's are in <see cref="Response"/>.</summary>
    public IReadOnlyList<FastLwm2m.Coap.LinkFormat.CoreLink>? Links { get; init; }

    /// <summary>The observed paths (ObserveReadAll).</summary>
    public IReadOnlyList<Lwm2mPath>? Paths { get; init; }

    /// <summary>How many observations were cancelled (ObserveCancel, ObserveCompositeCancel, ObserveCancelAll).</summary>
    public int? Count { get; init; }

    /// <summary>The device operation's response, when one was sent.</summary>
    public Lwm2mResponse? Response { get; init; }

    /// <summary>A failed result with a message.</summary>
    public static RpcResult Failure(string result, string error) => new(result, null, error);

    /// <summary>
    /// The guide's JSON: <c>{"result":"CONTENT","value":"..."}</c>, <c>{"result":"CHANGED"}</c>,
    /// or <c>{"result":"BAD_REQUEST","error":"..."}</c>.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("result", Result);
            if (Value is not null)
            {
                writer.WriteString("value", Value);
            }

            if (Error is not null)
            {
                writer.WriteString("error", Error);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <inheritdoc />
    public override string ToString() => ToJson();
}
