using System.Buffers.Binary;
using System.Data.Common;
using System.Text.Json;

namespace Monitor.Worker.Storage.Sql;

/// <summary>Small conversions shared by both providers: times as unix milliseconds (UTC, index-friendly integers),
/// signatures as little-endian BLOBs, lists as JSON text, parameters by name.</summary>
internal static class Db
{
    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    public static object Ms(DateTimeOffset? t) => t is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;
    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    public static DbCommand Add(this DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return cmd;
    }

    public static string Str(this DbDataReader r, int i) => r.GetString(i);
    public static string? StrOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    public static long Long(this DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i));
    public static long? LongOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i));
    public static int Int(this DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i));
    public static bool Bool(this DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i)) != 0;
    public static double Double(this DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToDouble(r.GetValue(i));
    public static DateTimeOffset At(this DbDataReader r, int i) => Time(r.Long(i));
    public static DateTimeOffset? AtOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : Time(r.Long(i));
    public static byte[] Bytes(this DbDataReader r, int i) => r.IsDBNull(i) ? [] : (byte[])r.GetValue(i);

    public static byte[] SignatureBytes(uint[] signature)
    {
        var bytes = new byte[signature.Length * 4];
        for (var i = 0; i < signature.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), signature[i]);
        return bytes;
    }

    public static uint[] Signature(byte[] bytes)
    {
        var signature = new uint[bytes.Length / 4];
        for (var i = 0; i < signature.Length; i++)
            signature[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4));
        return signature;
    }

    public static string Json(IReadOnlyList<string> list) => JsonSerializer.Serialize(list, StoredJsonContext.Default.IReadOnlyListString);

    public static IReadOnlyList<string> JsonList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, StoredJsonContext.Default.ListString) ?? [];
}
