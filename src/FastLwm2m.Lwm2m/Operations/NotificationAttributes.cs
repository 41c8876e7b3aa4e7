using System.Globalization;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// Notification attributes of Write-Attributes (Core §5.1.2): pmin, pmax, gt, lt, st, epmin,
/// epmax. A null value leaves the attribute as it is; names in <see cref="Unset"/> are removed.
/// </summary>
public sealed record NotificationAttributes
{
    /// <summary>Minimum period, seconds.</summary>
    public uint? Pmin { get; init; }

    /// <summary>Maximum period, seconds.</summary>
    public uint? Pmax { get; init; }

    /// <summary>Greater than.</summary>
    public double? GreaterThan { get; init; }

    /// <summary>Less than.</summary>
    public double? LessThan { get; init; }

    /// <summary>Step.</summary>
    public double? Step { get; init; }

    /// <summary>Minimum evaluation period, seconds (1.1).</summary>
    public uint? Epmin { get; init; }

    /// <summary>Maximum evaluation period, seconds (1.1).</summary>
    public uint? Epmax { get; init; }

    /// <summary>Attributes to remove ("pmin", "gt"...): sent without a value.</summary>
    public IReadOnlyList<string> Unset { get; init; } = [];

    /// <summary>The Uri-Query items, e.g. "pmin=10", "gt=20.5".</summary>
    public IEnumerable<string> ToQueries()
    {
        if (Pmin is { } pmin) yield return $"pmin={pmin}";
        if (Pmax is { } pmax) yield return $"pmax={pmax}";
        if (GreaterThan is { } gt) yield return "gt=" + gt.ToString("R", CultureInfo.InvariantCulture);
        if (LessThan is { } lt) yield return "lt=" + lt.ToString("R", CultureInfo.InvariantCulture);
        if (Step is { } st) yield return "st=" + st.ToString("R", CultureInfo.InvariantCulture);
        if (Epmin is { } epmin) yield return $"epmin={epmin}";
        if (Epmax is { } epmax) yield return $"epmax={epmax}";
        foreach (var name in Unset)
        {
            yield return name;
        }
    }

    /// <summary>Checks the rules of Core §5.1.2 (pmin ≤ pmax, lt &lt; gt, lt+2*st &lt; gt...); null when valid.</summary>
    public string? Validate()
    {
        if (Pmin is { } pmin && Pmax is { } pmax && pmax < pmin)
        {
            return $"pmax ({pmax}) must not be less than pmin ({pmin})";
        }

        if (Epmin is { } epmin && Epmax is { } epmax && epmax < epmin)
        {
            return $"epmax ({epmax}) must not be less than epmin ({epmin})";
        }

        if (Step is { } st && st < 0)
        {
            return $"st ({st}) must not be negative";
        }

        if (GreaterThan is { } gt && LessThan is { } lt && lt + (2 * (Step ?? 0)) >= gt)
        {
            return $"lt + 2*st must be less than gt (lt={lt}, gt={gt}, st={Step ?? 0})";
        }

        foreach (var name in Unset)
        {
            if (name is not ("pmin" or "pmax" or "gt" or "lt" or "st" or "epmin" or "epmax"))
            {
                return $"unknown attribute '{name}'";
            }
        }

        return null;
    }
}
