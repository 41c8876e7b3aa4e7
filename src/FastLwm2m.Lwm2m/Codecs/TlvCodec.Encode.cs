using System.Buffers;
using System.Diagnostics;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// Encoding: a measuring pass (which also validates, so nothing is written on failure), then one
/// write into a single span of the output.
/// </summary>
public sealed partial class TlvCodec
{
    /// <inheritdoc />
    public bool TryEncode(Lwm2mPath path, Lwm2mNode node, IObjectModelProvider models, IBufferWriter<byte> output, out string? error)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(output);
        if (!TryCheckShape(path, node, out error))
        {
            return false;
        }

        long length = node switch
        {
            Lwm2mObject obj => MeasureObjectContent(obj, path, out error),
            Lwm2mObjectInstance instance => MeasureInstanceContent(instance, path, out error),
            Lwm2mResource resource => MeasureResource(resource, path.Parent, out error),
            _ => MeasureResourceInstance((Lwm2mResourceInstance)node, path.Parent, out error),
        };

        if (length < 0)
        {
            return false;
        }

        if (length > int.MaxValue - WriteSlack)
        {
            error = $"TLV: {path} encodes to {length} bytes, more than a payload can hold";
            return false;
        }

        if (length == 0)
        {
            return true;
        }

        var span = output.GetSpan((int)length + WriteSlack)[..((int)length + WriteSlack)];
        int written = node switch
        {
            Lwm2mObject obj => WriteObjectContent(span, obj),
            Lwm2mObjectInstance instance => WriteInstanceContent(span, instance),
            Lwm2mResource resource => WriteResource(span, resource),
            _ => WriteValueEntry(span, TlvType.ResourceInstance, node.Id, ((Lwm2mResourceInstance)node).Value),
        };

        Debug.Assert(written == length, "The measuring pass and the writing pass disagree.");
        output.Advance(written);
        return true;
    }

    // Measuring: the length of what will be written, or -1 with the reason.

    private static long MeasureObjectContent(Lwm2mObject obj, Lwm2mPath objectPath, out string? error)
    {
        error = null;
        long total = 0;
        foreach (var instance in obj.Instances.Values)
        {
            if (!IsValidId(instance.Id, ReservedId - 1))
            {
                error = $"TLV: object instance id {instance.Id} in {objectPath} is out of range (0-65534)";
                return -1;
            }

            long content = MeasureInstanceContent(instance, objectPath.Append(instance.Id), out error);
            long entry = EntryLength(content, instance.Id, objectPath, ref error);
            if (entry < 0)
            {
                return -1;
            }

            total += entry;
        }

        return total;
    }

    private static long MeasureInstanceContent(Lwm2mObjectInstance instance, Lwm2mPath instancePath, out string? error)
    {
        error = null;
        long total = 0;
        foreach (var resource in instance.Resources.Values)
        {
            long entry = MeasureResource(resource, instancePath, out error);
            if (entry < 0)
            {
                return -1;
            }

            total += entry;
        }

        return total;
    }

    private static long MeasureResource(Lwm2mResource resource, Lwm2mPath instancePath, out string? error)
    {
        error = null;
        if (!IsValidId(resource.Id, ushort.MaxValue))
        {
            error = $"TLV: resource id {resource.Id} in {instancePath} is out of range (0-65535)";
            return -1;
        }

        long content;
        if (resource is Lwm2mSingleResource single)
        {
            content = MeasureValue(single.Value, instancePath, resource.Id, -1, out error);
        }
        else
        {
            content = 0;
            foreach (var instance in ((Lwm2mMultipleResource)resource).Instances.Values)
            {
                long entry = MeasureResourceInstance(instance, instancePath.Append(resource.Id), out error);
                if (entry < 0)
                {
                    return -1;
                }

                content += entry;
            }
        }

        return EntryLength(content, resource.Id, instancePath, ref error);
    }

    private static long MeasureResourceInstance(Lwm2mResourceInstance instance, Lwm2mPath resourcePath, out string? error)
    {
        error = null;
        if (!IsValidId(instance.Id, ReservedId - 1))
        {
            error = $"TLV: resource instance id {instance.Id} in {resourcePath} is out of range (0-65534)";
            return -1;
        }

        long content = MeasureValue(instance.Value, resourcePath.Parent, resourcePath.ResourceId, instance.Id, out error);
        return EntryLength(content, instance.Id, resourcePath, ref error);
    }

    private static long MeasureValue(in Lwm2mValue value, Lwm2mPath instancePath, int resourceId, int resourceInstanceId, out string? error)
    {
        error = null;
        long length = TlvValue.GetLength(value);
        if (length < 0)
        {
            string where = ChildText(instancePath, resourceId) + (resourceInstanceId >= 0 ? $"/{resourceInstanceId}" : "");
            error = $"TLV: {where} has no value (type {value.Type})";
        }

        return length;
    }

    /// <summary>Header plus content, or -1 when the content is -1 (error already set) or too long for a TLV.</summary>
    private static long EntryLength(long contentLength, int id, Lwm2mPath parent, ref string? error)
    {
        if (contentLength < 0)
        {
            return -1;
        }

        if (contentLength > TlvWriter.MaxValueLength)
        {
            error = $"TLV: {ChildText(parent, id)} is {contentLength} bytes, more than the {TlvWriter.MaxValueLength} a TLV can hold";
            return -1;
        }

        return TlvWriter.GetHeaderLength(id, (int)contentLength) + contentLength;
    }

    private static bool IsValidId(int id, int max) => id >= 0 && id <= max;

    // Writing: the node is known valid and the span long enough, plus the slack below. A
    // container's length is only known once its children are written, so they are written past
    // a gap as long as the longest header, then moved back behind the header now known; this
    // enumerates each container once (enumerating the node dictionaries allocates).

    /// <summary>The room the gaps may need past the end: one gap per container depth (object instance, multiple resource).</summary>
    private const int WriteSlack = 2 * TlvWriter.MaxHeaderLength;

    private static int WriteObjectContent(Span<byte> destination, Lwm2mObject obj)
    {
        int position = 0;
        foreach (var instance in obj.Instances.Values)
        {
            var entry = destination[position..];
            int content = WriteInstanceContent(entry[TlvWriter.MaxHeaderLength..], instance);
            position += MoveBehindHeader(entry, TlvType.ObjectInstance, instance.Id, content);
        }

        return position;
    }

    private static int WriteInstanceContent(Span<byte> destination, Lwm2mObjectInstance instance)
    {
        int position = 0;
        foreach (var resource in instance.Resources.Values)
        {
            position += WriteResource(destination[position..], resource);
        }

        return position;
    }

    private static int WriteResource(Span<byte> destination, Lwm2mResource resource)
    {
        if (resource is Lwm2mSingleResource single)
        {
            return WriteValueEntry(destination, TlvType.ResourceWithValue, resource.Id, single.Value);
        }

        int content = 0;
        var children = destination[TlvWriter.MaxHeaderLength..];
        foreach (var instance in ((Lwm2mMultipleResource)resource).Instances.Values)
        {
            content += WriteValueEntry(children[content..], TlvType.ResourceInstance, instance.Id, instance.Value);
        }

        return MoveBehindHeader(destination, TlvType.MultipleResource, resource.Id, content);
    }

    /// <summary>Writes the header of a container whose content sits after the gap, and moves the content behind it.</summary>
    private static int MoveBehindHeader(Span<byte> destination, TlvType type, int id, int contentLength)
    {
        int header = TlvWriter.WriteHeader(destination, type, id, contentLength);
        destination.Slice(TlvWriter.MaxHeaderLength, contentLength).CopyTo(destination[header..]);
        return header + contentLength;
    }

    private static int WriteValueEntry(Span<byte> destination, TlvType type, int id, in Lwm2mValue value)
    {
        int length = (int)TlvValue.GetLength(value);
        int header = TlvWriter.WriteHeader(destination, type, id, length);
        return header + TlvValue.Write(destination[header..], value);
    }
}
