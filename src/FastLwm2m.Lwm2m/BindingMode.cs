namespace FastLwm2m.Lwm2m;

/// <summary>
/// Transport bindings a client supports (the <c>b</c> parameter, LwM2M 1.1 Core §6.2.1 and
/// Transport §6.2): U (UDP), T (TCP), S (SMS), N (Non-IP); Q is LwM2M 1.0's queue-mode flag.
/// </summary>
[Flags]
public enum BindingMode : byte
{
    /// <summary>None given.</summary>
    None = 0,
    /// <summary>UDP.</summary>
    U = 1,
    /// <summary>TCP.</summary>
    T = 2,
    /// <summary>SMS.</summary>
    S = 4,
    /// <summary>Non-IP.</summary>
    N = 8,
    /// <summary>Queue mode (LwM2M 1.0 "UQ", "SQ", "UQS").</summary>
    Q = 16,
}

/// <summary>Parsing and formatting of <see cref="BindingMode"/>.</summary>
public static class BindingModes
{
    /// <summary>Parses "U", "UQ", "UT", "UQS"...; every letter once, no other characters.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out BindingMode binding)
    {
        binding = BindingMode.None;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (byte c in text)
        {
            var flag = c switch
            {
                (byte)'U' => BindingMode.U,
                (byte)'T' => BindingMode.T,
                (byte)'S' => BindingMode.S,
                (byte)'N' => BindingMode.N,
                (byte)'Q' => BindingMode.Q,
                _ => BindingMode.None,
            };
            if (flag == BindingMode.None || (binding & flag) != 0)
            {
                binding = BindingMode.None;
                return false;
            }

            binding |= flag;
        }

        return true;
    }

    /// <summary>As the functional reference logs it: "U, T" (queue flag not included).</summary>
    public static string ToListText(this BindingMode binding)
    {
        var parts = new List<string>(4);
        if ((binding & BindingMode.U) != 0) parts.Add("U");
        if ((binding & BindingMode.T) != 0) parts.Add("T");
        if ((binding & BindingMode.S) != 0) parts.Add("S");
        if ((binding & BindingMode.N) != 0) parts.Add("N");
        return string.Join(", ", parts);
    }
}
