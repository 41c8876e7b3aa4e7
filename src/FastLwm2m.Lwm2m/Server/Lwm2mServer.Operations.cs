using System.Buffers;
using System.Text;
using FastLwm2m.Coap;
using FastLwm2m.Coap.LinkFormat;
using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// Device management and information reporting operations (Core §6.3-6.4, Transport §6.4), each
/// returning an <see cref="Lwm2mResponse"/> that carries the response code by name, never throwing
/// for what the device does. Queue-mode clients get their requests when awake (see SendAsync).
/// </summary>
public sealed partial class Lwm2mServer
{
    private static readonly ObjectModelRepository CoreModels = ObjectModelRepository.CreateWithCoreModels();

    /// <summary>Read (GET).</summary>
    public async Task<Lwm2mResponse> ReadAsync(Registration registration, Lwm2mPath path, ushort? contentFormat = null, CancellationToken cancellationToken = default)
    {
        if (Validate(registration, path) is { } invalid)
        {
            return invalid;
        }

        ushort format = contentFormat ?? ChooseFormat(registration, composite: false);
        var request = NewRequest(CoapCode.Get, registration, path);
        request.Accept = format;
        var result = await SendAsync(registration, request, cancellationToken).ConfigureAwait(false);
        return ToResponse(result, registration, path, expectContent: true, format);
    }

    /// <summary>Discover (GET with Accept: link-format).</summary>
    public async Task<Lwm2mResponse> DiscoverAsync(Registration registration, Lwm2mPath path, CancellationToken cancellationToken = default)
    {
        if (Validate(registration, path) is { } invalid)
        {
            return invalid;
        }

        var request = NewRequest(CoapCode.Get, registration, path);
        request.Accept = CoapContentFormat.LinkFormat;
        var result = await SendAsync(registration, request, cancellationToken).ConfigureAwait(false);
        var response = ToResponse(result, registration, path, expectContent: false);
        if (!response.IsSuccess)
        {
            return response;
        }

        if (!LinkFormatParser.TryParse(result.Response!.Payload.Span, out var links, out var error))
        {
            return new Lwm2mResponse(Lwm2mOutcome.BadResponse, response.Code, $"invalid link format in Discover response: {error}");
        }

        return new Lwm2mResponse(Lwm2mOutcome.Response, response.Code) { Links = links, ContentFormat = CoapContentFormat.LinkFormat };
    }

    /// <summary>
    /// Write: Replace (PUT) or Partial Update (POST, object instance only) of the node at
    /// <paramref name="path"/> (Core §6.3.3).
    /// </summary>
    public async Task<Lwm2mResponse> WriteAsync(Registration registration, Lwm2mPath path, Lwm2mNode node, bool replace = true, ushort? contentFormat = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Validate(registration, path) is { } invalid)
        {
            return invalid;
        }

        if (path.IsRoot || path.IsObject)
        {
            return Lwm2mResponse.Invalid("Write targets an object instance, a resource or a resource instance");
        }

        if (!replace && !path.IsObjectInstance)
        {
            return Lwm2mResponse.Invalid("a partial update (POST) targets an object instance");
        }

        ushort format = contentFormat ?? ChooseFormat(registration, composite: false);
        if (!TryEncode(registration, path, node, format, out var payload, out var error))
        {
            return Lwm2mResponse.Invalid(error!);
        }

        var request = NewRequest(replace ? CoapCode.Put : CoapCode.Post, registration, path);
        request.ContentFormat = format;
        request.Payload = payload;
        var result = await SendAsync(registration, request, cancellationToken).ConfigureAwait(false);
        return ToResponse(result, registration, path, expectContent: false);
    }

    /// <summary>Write-Attributes (PUT with the attributes as Uri-Query, Core §6.3.4).</summary>
    public async Task<Lwm2mResponse> WriteAttributesAsync(Registration registration, Lwm2mPath path, NotificationAttributes attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (Validate(registration, path) is { } invalid)
        {
            return invalid;
        }

        if (attributes.Validate() is { } error)
        {
            return Lwm2mResponse.Invalid(error);
        }

        var request = NewRequest(CoapCode.Put, registration, path);
        foreach (var query in attributes.ToQueries())
        {
            request.AddUriQuery(query);
        }

        var result = await SendAsync(registration, request, cancellationToken).ConfigureAwait(false);
        return ToResponse(result, registration, path, expectContent: false);
    }

    /// <summary>Execute (POST on a resource, optional text arguments, Core §6.3.5).</summary>
    public async Task<Lwm2mResponse> ExecuteAsync(Registration registration, Lwm2mPath path, string? arguments = null, CancellationToken cancellationToken = default)
    {
        if (Validate(registration, path) is { } invalid)
        {
            return invalid;
        }

        if (!path.IsResource)
        {
            return Lwm2mResponse.Invalid("Execute targets a resource");
        }

        var request = NewRequest(CoapCode.Post, registration, path);
        if (!string.IsNullOrEmpty(arguments))
        {
            request.ContentFormat = CoapContentFormat.TextPlain;
            request.Payload = Encoding.UTF8.GetBytes(arguments);
        }

        var result = await SendAsync(registration, request, cancellationToken).ConfigureAwait(false);
        return ToResponse(result, registration, path, expectContent: false);
    }

    /// <summary>Create (POST on an object, Core §6.3.6): the new instance's location comes back.</summary>
    public async Task<Lwm2mResponse> CreateAsync(Registration registration, Lwm2mPath objectPath, Lwm2mObjectInstance instance, ushort? contentFormat = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (Validate(registration, objectPath) is { } invalid)
        {
            return invalid;
        }

        if (!objectPath.IsObject)
        {
            return Lwm2mResponse.Invalid("Create targets an object");
        }

        ushort format = contentFormat ?? ChooseFormat(registration, composite: false);
        var instancePath = objectPath.WithoutVersion.Append(instance.Id);
        if (!TryEncode(registration, instancePath, new Lwm2mObject(objectPath.ObjectId, [instance]), format, out var payload, out var error, encodeAt: objectPath.WithoutVersion))
        {
            return Lwm2mResponse.Invalid(error!);
        }

        var request = NewRequest(CoapCode.Post, registration, objectPath);
        request.ContentFormat = format;
        request.Payload = payload;
        var result = await SendAsync(registration, request, cancellationToken).ConfigureAwait(false);
        var response = ToResponse(result, registration, objectPath, expectContent: false);
        if (response.IsSuccess)
        {
            string location = result.Response!.LocationPath;
            return new Lwm2mResponse(Lwm2mOutcome.Response, response.Code) { Location = location == "/" ? instancePath.ToString() : location };
        }

        return response;
    }

    /// <summary>Delete of an object instance (Core §6.3.7).</summary>
    public async Task<Lwm2mResponse> DeleteAsync(Registration registration, Lwm2mPath path, CancellationToken cancellationToken = default)
    {
        if (Validate(registration, path) is { } invalid)
        {
            return invalid;
        }

        if (!path.IsObjectInstance)
        {
            return Lwm2mResponse.Invalid("Delete targets an object instance");
        }

        var result = await SendAsync(registration, NewRequest(CoapCode.Delete, registration, path), cancellationToken).ConfigureAwait(false);
        return ToResponse(result, registration, path, expectContent: false);
    }

    /// <summary>Read-Composite (FETCH with the paths as SenML, Core §6.3.8).</summary>
    public async Task<Lwm2mResponse> ReadCompositeAsync(Registration registration, IReadOnlyList<Lwm2mPath> paths, ushort? contentFormat = null, CancellationToken cancellationToken = default)
    {
        var (request, error) = CompositeRequest(CoapCode.Fetch, registration, paths, contentFormat);
        if (error is not null)
        {
            return Lwm2mResponse.Invalid(error);
        }

        var result = await SendAsync(registration, request!, cancellationToken).ConfigureAwait(false);
        return ToCompositeResponse(result, registration);
    }

    /// <summary>Write-Composite (iPATCH with SenML, Core §6.3.9); a null node deletes nothing, it is a path without value.</summary>
    public async Task<Lwm2mResponse> WriteCompositeAsync(Registration registration, IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> nodes, ushort? contentFormat = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (registration.Version == Lwm2mVersion.V1_0)
        {
            return Lwm2mResponse.Invalid("Write-Composite needs an LwM2M 1.1+ client");
        }

        foreach (var (path, _) in nodes)
        {
            if (Validate(registration, path) is { } invalid)
            {
                return invalid;
            }
        }

        ushort format = contentFormat ?? ChooseFormat(registration, composite: true);
        if (Codecs.GetComposite(format) is not { } codec)
        {
            return Lwm2mResponse.Invalid($"content format {format} cannot carry composite values");
        }

        var stripped = nodes.Select(n => new KeyValuePair<Lwm2mPath, Lwm2mNode?>(n.Key.WithoutVersion, n.Value)).ToList();
        var buffer = new ArrayBufferWriter<byte>();
        if (!codec.TryEncodeNodes(stripped, ModelsFor(registration), buffer, out var error))
        {
            return Lwm2mResponse.Invalid(error!);
        }

        var request = NewRequest(CoapCode.IPatch, registration, Lwm2mPath.Root);
        request.ContentFormat = format;
        request.Payload = buffer.WrittenMemory.ToArray();
        var result = await SendAsync(registration, request, cancellationToken).ConfigureAwait(false);
        return ToResponse(result, registration, Lwm2mPath.Root, expectContent: false);
    }

    private (CoapMessage? Request, string? Error) CompositeRequest(CoapCode method, Registration registration, IReadOnlyList<Lwm2mPath> paths, ushort? contentFormat)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (registration.Version == Lwm2mVersion.V1_0)
        {
            return (null, "composite operations need an LwM2M 1.1+ client");
        }

        if (paths.Count == 0)
        {
            return (null, "no paths given");
        }

        foreach (var path in paths)
        {
            if (Validate(registration, path) is { } invalid)
            {
                return (null, invalid.ErrorMessage);
            }
        }

        ushort format = contentFormat ?? ChooseFormat(registration, composite: true);
        if (Codecs.GetComposite(format) is not { } codec)
        {
            return (null, $"content format {format} cannot carry composite values");
        }

        var buffer = new ArrayBufferWriter<byte>();
        if (!codec.TryEncodePaths(paths.Select(p => p.WithoutVersion).ToList(), buffer, out var error))
        {
            return (null, error);
        }

        var request = NewRequest(method, registration, Lwm2mPath.Root);
        request.ContentFormat = format;
        request.Accept = format;
        request.Payload = buffer.WrittenMemory.ToArray();
        return (request, null);
    }

    private static Lwm2mResponse? Validate(Registration registration, Lwm2mPath path)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (path.ObjectVersion is { } requested)
        {
            // The functional reference: a path naming an object version must match the version the
            // client registered ("/3_1.1/0/9" for a client with 3 v1.2 is refused, not sent).
            var registered = registration.GetObjectVersion(path.ObjectId);
            if (registered is null)
            {
                return Lwm2mResponse.Invalid($"Object {path.ObjectId} is not supported by the client");
            }

            if (registered.Value != requested)
            {
                return Lwm2mResponse.Invalid($"Invalid object version. Required version: {registered.Value}");
            }
        }

        return null;
    }

    private ushort ChooseFormat(Registration registration, bool composite)
    {
        var declared = registration.ContentFormats;
        if (registration.Version == Lwm2mVersion.V1_0)
        {
            return _options.Lwm2m10ContentFormat;
        }

        ushort preferred = _options.PreferredContentFormat;
        if (declared == ContentFormatSupport.None || declared.Supports(preferred))
        {
            return preferred;
        }

        // Honour the client's ct: the first format it declared that we can use.
        ushort[] order = composite
            ? [CoapContentFormat.SenmlCbor, CoapContentFormat.SenmlJson, CoapContentFormat.Lwm2mCbor]
            : [CoapContentFormat.SenmlCbor, CoapContentFormat.SenmlJson, CoapContentFormat.Lwm2mCbor, CoapContentFormat.Lwm2mTlv, CoapContentFormat.Lwm2mJson];
        foreach (ushort format in order)
        {
            if (declared.Supports(format) && Codecs.Get(format) is not null)
            {
                return format;
            }
        }

        return preferred;
    }

    private IObjectModelProvider ModelsFor(Registration registration) =>
        _options.Models?.Invoke(registration) ?? CoreModels.ForVersions(registration.GetObjectVersion);

    private static CoapMessage NewRequest(CoapCode method, Registration registration, Lwm2mPath path)
    {
        var request = new CoapMessage(method);
        if (registration.RootPath.Length > 1)
        {
            foreach (var segment in registration.RootPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                request.AddOption(CoapOptionNumber.UriPath, segment);
            }
        }

        foreach (var segment in path.UriSegments())
        {
            request.AddOption(CoapOptionNumber.UriPath, segment);
        }

        return request;
    }

    private bool TryEncode(Registration registration, Lwm2mPath path, Lwm2mNode node, ushort format, out byte[] payload, out string? error, Lwm2mPath? encodeAt = null)
    {
        payload = [];
        if (Codecs.Get(format) is not { } codec)
        {
            error = $"content format {format} is not supported";
            return false;
        }

        var at = encodeAt ?? path.WithoutVersion;
        if (!codec.CanEncode(at, node))
        {
            error = $"content format {format} cannot carry this value at {at}";
            return false;
        }

        var buffer = new ArrayBufferWriter<byte>();
        if (!codec.TryEncode(at, node, ModelsFor(registration), buffer, out error))
        {
            return false;
        }

        payload = buffer.WrittenMemory.ToArray();
        return true;
    }

    private Lwm2mResponse ToResponse(CoapResult result, Registration registration, Lwm2mPath path, bool expectContent, ushort? requested = null)
    {
        if (OutcomeOf(result) is { } failed)
        {
            return failed;
        }

        var response = result.Response!;
        var code = Lwm2mResponseCodes.FromCoap(response.Code);
        ushort? format = response.ContentFormat is { } cf ? (ushort)cf : null;
        if (!response.Code.IsSuccess)
        {
            return new Lwm2mResponse(Lwm2mOutcome.Response, code, response.Payload.IsEmpty ? null : response.PayloadText) { ContentFormat = format };
        }

        if (!expectContent)
        {
            return new Lwm2mResponse(Lwm2mOutcome.Response, code) { ContentFormat = format };
        }

        // A response without Content-Format is in the format asked for (Accept).
        ushort decodeFormat = format ?? requested ?? CoapContentFormat.Lwm2mTlv;
        if (Codecs.Get(decodeFormat) is not { } codec)
        {
            return new Lwm2mResponse(Lwm2mOutcome.BadResponse, code, $"the client answered in unsupported content format {decodeFormat}");
        }

        if (!codec.TryDecode(response.Payload.Span, path.WithoutVersion, ModelsFor(registration), out var node, out var error))
        {
            return new Lwm2mResponse(Lwm2mOutcome.BadResponse, code, $"cannot decode the {decodeFormat} payload: {error}");
        }

        return new Lwm2mResponse(Lwm2mOutcome.Response, code) { Content = node, ContentFormat = decodeFormat };
    }

    private Lwm2mResponse ToCompositeResponse(CoapResult result, Registration registration)
    {
        if (OutcomeOf(result) is { } failed)
        {
            return failed;
        }

        var response = result.Response!;
        var code = Lwm2mResponseCodes.FromCoap(response.Code);
        if (!response.Code.IsSuccess)
        {
            return new Lwm2mResponse(Lwm2mOutcome.Response, code, response.Payload.IsEmpty ? null : response.PayloadText);
        }

        ushort format = response.ContentFormat is { } cf ? (ushort)cf : CoapContentFormat.SenmlCbor;
        if (Codecs.GetComposite(format) is not { } codec)
        {
            return new Lwm2mResponse(Lwm2mOutcome.BadResponse, code, $"the client answered in content format {format}, which cannot carry composite values");
        }

        if (!codec.TryDecodeNodes(response.Payload.Span, ModelsFor(registration), out var nodes, out var error))
        {
            return new Lwm2mResponse(Lwm2mOutcome.BadResponse, code, $"cannot decode the {format} payload: {error}");
        }

        return new Lwm2mResponse(Lwm2mOutcome.Response, code) { CompositeContent = nodes, ContentFormat = format };
    }

    private static Lwm2mResponse? OutcomeOf(CoapResult result) => result.Status switch
    {
        CoapResultStatus.Response when result.Response is not null => null,
        CoapResultStatus.Timeout => new Lwm2mResponse(Lwm2mOutcome.Timeout, Lwm2mResponseCode.Other, "the client did not answer in time"),
        CoapResultStatus.Reset => new Lwm2mResponse(Lwm2mOutcome.Reset, Lwm2mResponseCode.Other, "the client answered RST"),
        CoapResultStatus.Cancelled => new Lwm2mResponse(Lwm2mOutcome.Cancelled, Lwm2mResponseCode.Other, "cancelled"),
        CoapResultStatus.Rejected => new Lwm2mResponse(Lwm2mOutcome.Rejected, Lwm2mResponseCode.Other, "too many requests wait for this client"),
        CoapResultStatus.BlockTransferFailed => new Lwm2mResponse(Lwm2mOutcome.BadResponse, Lwm2mResponseCode.Other, "block-wise transfer failed"),
        _ => new Lwm2mResponse(Lwm2mOutcome.BadResponse, Lwm2mResponseCode.Other, $"unexpected result {result.Status}"),
    };
}
