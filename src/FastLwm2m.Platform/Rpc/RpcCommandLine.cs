namespace FastLwm2m.Platform.Rpc;

/// <summary>
/// Parses a line of the functional reference's debug terminal: a method name, optionally followed
/// by the params JSON (<c>Read {"id":"/3/0/9"}</c>, <c>ObserveCancelAll</c>).
/// </summary>
public static class RpcCommandLine
{
    /// <summary>
    /// Splits <paramref name="line"/> into method and params (null when absent). The params are
    /// not validated here: <see cref="RpcService"/> does that and names the bad field.
    /// </summary>
    public static bool TryParse(string line, out string method, out string? paramsJson, out string? error)
    {
        method = "";
        paramsJson = null;
        error = null;
        var text = (line ?? "").AsSpan().Trim();
        if (text.IsEmpty)
        {
            error = "empty command";
            return false;
        }

        int end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '{')
        {
            end++;
        }

        if (end == 0)
        {
            error = "a command starts with the method name, e.g. Read {\"id\":\"/3/0/9\"}";
            return false;
        }

        method = text[..end].ToString();
        var rest = text[end..].Trim();
        if (!rest.IsEmpty)
        {
            if (rest[0] != '{')
            {
                error = $"the params after \"{method}\" must be a JSON object";
                return false;
            }

            paramsJson = rest.ToString();
        }

        return true;
    }
}
