using FastLwm2m.Lwm2m;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite.Internal;

/// <summary>
/// How an <see cref="Lwm2mValue"/> is kept in five typed columns: type, integer, real, text,
/// blob (parameters <c>$y $i $r $s $b</c>; columns at five consecutive ordinals). Shared by the
/// attribute and telemetry tables so both read back exactly what they wrote.
/// </summary>
internal static class SqliteValueColumns
{
    /// <summary>Sets <c>$y $i $r $s $b</c> from <paramref name="v"/>; unused columns get NULL.</summary>
    public static void Bind(SqliteParameterCollection p, Lwm2mValue v)
    {
        p["$y"].Value = (int)v.Type;
        p["$i"].Value = v.Type switch
        {
            ResourceType.Integer or ResourceType.Time => v.AsInteger(),
            ResourceType.UnsignedInteger => unchecked((long)v.AsUnsignedInteger()),
            ResourceType.Boolean => v.AsBoolean() ? 1L : 0L,
            ResourceType.Objlnk => ((long)v.AsObjectLink().ObjectId << 16) | v.AsObjectLink().InstanceId,
            _ => DBNull.Value,
        };
        p["$r"].Value = v.Type == ResourceType.Float ? v.AsFloat() : DBNull.Value;
        p["$s"].Value = v.Type is ResourceType.String or ResourceType.Corelnk ? v.AsString() : DBNull.Value;
        p["$b"].Value = v.Type == ResourceType.Opaque ? v.AsOpaque() : DBNull.Value;
    }

    /// <summary>Reads the value whose type column is at <paramref name="typeOrdinal"/>.</summary>
    public static Lwm2mValue Read(SqliteDataReader reader, int typeOrdinal)
    {
        int i = typeOrdinal + 1, r = typeOrdinal + 2, s = typeOrdinal + 3, b = typeOrdinal + 4;
        return (ResourceType)reader.GetInt32(typeOrdinal) switch
        {
            ResourceType.Integer => Lwm2mValue.FromInteger(reader.GetInt64(i)),
            ResourceType.Time => Lwm2mValue.FromUnixTime(reader.GetInt64(i)),
            ResourceType.UnsignedInteger => Lwm2mValue.FromUnsignedInteger(unchecked((ulong)reader.GetInt64(i))),
            ResourceType.Boolean => Lwm2mValue.FromBoolean(reader.GetInt64(i) != 0),
            ResourceType.Objlnk => Lwm2mValue.FromObjectLink(new ObjectLink((ushort)(reader.GetInt64(i) >> 16), (ushort)reader.GetInt64(i))),
            ResourceType.Float => Lwm2mValue.FromFloat(reader.GetDouble(r)),
            ResourceType.String => Lwm2mValue.FromString(reader.GetString(s)),
            ResourceType.Corelnk => Lwm2mValue.FromCoreLink(reader.GetString(s)),
            _ => Lwm2mValue.FromOpaque(reader.IsDBNull(b) ? [] : (byte[])reader.GetValue(b)),
        };
    }
}
