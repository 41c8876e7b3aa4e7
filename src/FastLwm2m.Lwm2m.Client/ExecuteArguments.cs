using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// The arguments of an Execute (Core §5.4.5): a comma-separated list of <c>n</c> or
/// <c>n='value'</c>, where <c>n</c> is a decimal argument number, e.g. <c>0='http://x',1</c>.
/// Immutable.
/// </summary>
public sealed class ExecuteArguments
{
    private readonly SortedDictionary<int, string?> _values;

    private ExecuteArguments(string text, SortedDictionary<int, string?> values)
    {
        Text = text;
        _values = values;
    }

    /// <summary>No arguments.</summary>
    public static ExecuteArguments None { get; } = new("", new SortedDictionary<int, string?>());

    /// <summary>The payload as received.</summary>
    public string Text { get; }

    /// <summary>Argument numbers given, ascending.</summary>
    public IReadOnlyCollection<int> Numbers => _values.Keys;

    /// <summary>Number of arguments.</summary>
    public int Count => _values.Count;

    /// <summary>Whether argument <paramref name="number"/> was given (with or without a value).</summary>
    public bool Contains(int number) => _values.ContainsKey(number);

    /// <summary>The value of argument <paramref name="number"/>, or null when absent or given without a value.</summary>
    public string? this[int number] => _values.TryGetValue(number, out string? value) ? value : null;

    /// <summary>
    /// Parses an Execute payload. Never throws: false with the reason when the text does not follow
    /// the grammar (digits, then optionally <c>='...'</c> with no quote inside; arguments separated by commas;
    /// each number once).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out ExecuteArguments? arguments, out string? error)
    {
        arguments = null;
        if (utf8.IsEmpty)
        {
            arguments = None;
            error = null;
            return true;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            error = "the arguments are not UTF-8";
            return false;
        }

        var values = new SortedDictionary<int, string?>();
        int i = 0;
        while (true)
        {
            int start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start || i - start > 5
                || !int.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                error = $"argument at offset {start} does not start with an argument number";
                return false;
            }

            string? value = null;
            if (i < text.Length && text[i] == '=')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\'')
                {
                    error = $"the value of argument {number} must be quoted with '";
                    return false;
                }

                int close = text.IndexOf('\'', i + 2);
                if (close < 0)
                {
                    error = $"the value of argument {number} has no closing '";
                    return false;
                }

                value = text[(i + 2)..close];
                i = close + 1;
            }

            if (!values.TryAdd(number, value))
            {
                error = $"argument {number} is given twice";
                return false;
            }

            if (i == text.Length)
            {
                break;
            }

            if (text[i] != ',')
            {
                error = $"unexpected '{text[i]}' at offset {i}: arguments are separated by ','";
                return false;
            }

            i++;
        }

        arguments = new ExecuteArguments(text, values);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
