using System.Globalization;
using System.Text;
using FastLwm2m.Coap.LinkFormat;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Rpc;

/// <summary>
/// Renders nodes as the functional reference's RPC results print them, which is Leshan's
/// <c>toString()</c>: <c>LwM2mSingleResource [id=9, value=100, type=INTEGER]</c>,
/// <c>LwM2mObjectInstance [id=0, resources={0=..., 1=...}]</c>, composites as
/// <c>{/3/0/9=..., /1=LwM2mObject [...]}</c>, and Discover links as link format.
/// Dashboards and scripts written against the guide parse these strings, so they are kept exact.
/// </summary>
public static class Lwm2mNodeRenderer
{
    /// <summary>Renders one node (object, object instance, resource or resource instance).</summary>
    public static string Render(Lwm2mNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    /// <summary>Renders the nodes of a Read-Composite or Observe-Composite: <c>{/3/0/9=..., /1=...}</c>.</summary>
    public static string RenderComposite(IEnumerable<KeyValuePair<Lwm2mPath, Lwm2mNode?>> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var sb = new StringBuilder("{");
        bool first = true;
        foreach (var (path, node) in nodes)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            sb.Append(path.WithoutVersion.ToString()).Append('=');
            if (node is null)
            {
                sb.Append("null");
            }
            else
            {
                Append(sb, node);
            }
        }

        return sb.Append('}').ToString();
    }

    /// <summary>Renders Discover links as the guide shows them: <c>&lt;/3/0&gt;,&lt;/3/0/1&gt;</c> (attributes after ';').</summary>
    public static string RenderLinks(IEnumerable<CoreLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        return string.Join(",", links.Select(l => l.ToString()));
    }

    /// <summary>
    /// A value as Leshan prints it: opaque as its length ("1Bytes", Leshan never prints opaque
    /// content since it may be a credential), time as Java's <c>Date.toString()</c> in UTC, floats
    /// with a fraction ("100.0"), object links as <c>ObjectLink [objectId=3, objectInstanceId=0]</c>.
    /// </summary>
    public static string RenderValue(Lwm2mValue value) => value.Type switch
    {
        ResourceType.Opaque => value.AsOpaque().Length.ToString(CultureInfo.InvariantCulture) + "Bytes",
        ResourceType.Time => JavaDate(value.AsTime()),
        ResourceType.Float => JavaDouble(value.AsFloat()),
        ResourceType.Objlnk => $"ObjectLink [objectId={value.AsObjectLink().ObjectId}, objectInstanceId={value.AsObjectLink().InstanceId}]",
        _ => value.ToString(),
    };

    /// <summary>Leshan's type names: STRING, INTEGER, UNSIGNED_INTEGER, FLOAT, BOOLEAN, OPAQUE, TIME, OBJLNK, CORELINK.</summary>
    public static string TypeName(ResourceType type) => type switch
    {
        ResourceType.String => "STRING",
        ResourceType.Integer => "INTEGER",
        ResourceType.UnsignedInteger => "UNSIGNED_INTEGER",
        ResourceType.Float => "FLOAT",
        ResourceType.Boolean => "BOOLEAN",
        ResourceType.Opaque => "OPAQUE",
        ResourceType.Time => "TIME",
        ResourceType.Objlnk => "OBJLNK",
        ResourceType.Corelnk => "CORELINK",
        _ => "NONE",
    };

    private static void Append(StringBuilder sb, Lwm2mNode node)
    {
        switch (node)
        {
            case Lwm2mObject o:
                sb.Append("LwM2mObject [id=").Append(o.Id).Append(", instances={");
                AppendChildren(sb, o.Instances);
                sb.Append("}]");
                break;
            case Lwm2mObjectInstance i:
                sb.Append("LwM2mObjectInstance [id=").Append(i.Id).Append(", resources={");
                AppendChildren(sb, i.Resources);
                sb.Append("}]");
                break;
            case Lwm2mMultipleResource m:
                sb.Append("LwM2mMultipleResource [id=").Append(m.Id).Append(", values={");
                AppendChildren(sb, m.Instances);
                sb.Append("}, type=").Append(TypeName(m.Type)).Append(']');
                break;
            case Lwm2mSingleResource s:
                sb.Append("LwM2mSingleResource [id=").Append(s.Id).Append(", value=").Append(RenderValue(s.Value))
                    .Append(", type=").Append(TypeName(s.Value.Type)).Append(']');
                break;
            case Lwm2mResourceInstance ri:
                sb.Append("LwM2mResourceInstance [id=").Append(ri.Id).Append(", value=").Append(RenderValue(ri.Value))
                    .Append(", type=").Append(TypeName(ri.Value.Type)).Append(']');
                break;
            default:
                sb.Append(node);
                break;
        }
    }

    private static void AppendChildren<T>(StringBuilder sb, IReadOnlyDictionary<int, T> children) where T : Lwm2mNode
    {
        bool first = true;
        foreach (var (id, child) in children)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            sb.Append(id).Append('=');
            Append(sb, child);
        }
    }

    // Java's Date.toString(): "Thu Jul 01 16:39:49 EEST 2021"; we print UTC.
    private static string JavaDate(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return utc.ToString("ddd MMM dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC " + utc.ToString("yyyy", CultureInfo.InvariantCulture);
    }

    // Java's Double.toString(): integral values keep ".0".
    private static string JavaDouble(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(value) && text.IndexOfAny(['.', 'E', 'e']) < 0 ? text + ".0" : text;
    }
}
