using System.Text;

namespace FastLwm2m.Platform.Profiles;

/// <summary>The attribute/telemetry key names a profile generates from resource names.</summary>
public static class KeyNames
{
    /// <summary>The longest key a profile accepts.</summary>
    public const int MaxLength = 255;

    /// <summary>
    /// camelCase of a resource name: split on every character that is not a letter or a digit, the
    /// first word with its first letter lowered (wholly lowered if it is all capitals: "UTC Offset" →
    /// "utcOffset"), the other words with their first letter raised and the rest kept ("Router IP
    /// Addresses" → "routerIPAddresses"); digits are kept ("Dimming [%]" → "dimming",
    /// "Battery Level" → "batteryLevel", "ExtDevInfo" → "extDevInfo"). The empty string when the
    /// name has no letter or digit (the caller falls back to "resource{id}").
    /// </summary>
    public static string FromResourceName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        int start = -1;
        for (int i = 0; i <= name.Length; i++)
        {
            bool wordChar = i < name.Length && char.IsLetterOrDigit(name[i]);
            if (wordChar && start < 0)
            {
                start = i;
            }
            else if (!wordChar && start >= 0)
            {
                AppendWord(builder, name.AsSpan(start, i - start));
                start = -1;
            }
        }

        return builder.ToString();
    }

    private static void AppendWord(StringBuilder builder, ReadOnlySpan<char> word)
    {
        if (builder.Length == 0)
        {
            bool allUpper = true;
            foreach (char c in word)
            {
                if (char.IsLower(c))
                {
                    allUpper = false;
                    break;
                }
            }

            if (allUpper)
            {
                foreach (char c in word)
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
            }
            else
            {
                builder.Append(char.ToLowerInvariant(word[0])).Append(word[1..]);
            }

            return;
        }

        builder.Append(char.ToUpperInvariant(word[0])).Append(word[1..]);
    }
}
