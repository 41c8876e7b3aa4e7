using System.Globalization;
using FastLwm2m.Coap.LinkFormat;

namespace FastLwm2m.Lwm2m.Client.Internal;

/// <summary>
/// The notification attributes attached to one path by Write-Attributes (Core §5.1.2): pmin,
/// pmax, gt, lt, st, epmin, epmax. Null means not attached at this level.
/// </summary>
internal sealed class AttributeSet
{
    private static readonly string[] Names = ["pmin", "pmax", "gt", "lt", "st", "epmin", "epmax"];

    public uint? Pmin { get; set; }
    public uint? Pmax { get; set; }
    public double? GreaterThan { get; set; }
    public double? LessThan { get; set; }
    public double? Step { get; set; }
    public uint? Epmin { get; set; }
    public uint? Epmax { get; set; }

    public bool IsEmpty => Pmin is null && Pmax is null && GreaterThan is null && LessThan is null && Step is null && Epmin is null && Epmax is null;

    public bool HasChangeCriteria => GreaterThan is not null || LessThan is not null || Step is not null;

    public AttributeSet Clone() => (AttributeSet)MemberwiseClone();

    /// <summary>Takes every attribute <paramref name="lower"/> (a lower level: instance over object...) has.</summary>
    public void Overlay(AttributeSet lower)
    {
        Pmin = lower.Pmin ?? Pmin;
        Pmax = lower.Pmax ?? Pmax;
        GreaterThan = lower.GreaterThan ?? GreaterThan;
        LessThan = lower.LessThan ?? LessThan;
        Step = lower.Step ?? Step;
        Epmin = lower.Epmin ?? Epmin;
        Epmax = lower.Epmax ?? Epmax;
    }

    /// <summary>
    /// Applies the Uri-Query items of a Write-Attributes ("pmin=10", "gt=20.5"; a name without value
    /// removes the attribute). False with the reason for an unknown name or a bad value.
    /// </summary>
    public bool TryApply(IReadOnlyList<string> queries, out bool setsChangeCriteria, out string? error)
    {
        setsChangeCriteria = false;
        foreach (string query in queries)
        {
            int eq = query.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? query : query[..eq];
            string? value = eq < 0 ? null : query[(eq + 1)..];
            if (Array.IndexOf(Names, name) < 0)
            {
                error = $"unknown or read-only attribute '{name}'";
                return false;
            }

            if (name is "gt" or "lt" or "st")
            {
                setsChangeCriteria |= value is not null;
                double? number = null;
                if (value is not null)
                {
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) || !double.IsFinite(parsed))
                    {
                        error = $"attribute {name} needs a number, got '{value}'";
                        return false;
                    }

                    number = parsed;
                }

                switch (name)
                {
                    case "gt": GreaterThan = number; break;
                    case "lt": LessThan = number; break;
                    default: Step = number; break;
                }
            }
            else
            {
                uint? seconds = null;
                if (value is not null)
                {
                    if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out uint parsed))
                    {
                        error = $"attribute {name} needs a number of seconds, got '{value}'";
                        return false;
                    }

                    seconds = parsed;
                }

                switch (name)
                {
                    case "pmin": Pmin = seconds; break;
                    case "pmax": Pmax = seconds; break;
                    case "epmin": Epmin = seconds; break;
                    default: Epmax = seconds; break;
                }
            }
        }

        error = Validate();
        return error is null;
    }

    /// <summary>Core §5.1.2: pmin ≤ pmax, epmin ≤ epmax, st ≥ 0, lt + 2·st &lt; gt.</summary>
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

        if (Step is < 0)
        {
            return $"st ({Step}) must not be negative";
        }

        if (GreaterThan is { } gt && LessThan is { } lt && lt + (2 * (Step ?? 0)) >= gt)
        {
            return $"lt + 2*st must be less than gt (lt={lt}, gt={gt}, st={Step ?? 0})";
        }

        return null;
    }

    /// <summary>The attributes as link parameters (Discover), in a fixed order.</summary>
    public IEnumerable<LinkAttribute> ToLinkAttributes()
    {
        if (Pmin is { } pmin) yield return new LinkAttribute("pmin", pmin.ToString(CultureInfo.InvariantCulture));
        if (Pmax is { } pmax) yield return new LinkAttribute("pmax", pmax.ToString(CultureInfo.InvariantCulture));
        if (GreaterThan is { } gt) yield return new LinkAttribute("gt", gt.ToString("R", CultureInfo.InvariantCulture));
        if (LessThan is { } lt) yield return new LinkAttribute("lt", lt.ToString("R", CultureInfo.InvariantCulture));
        if (Step is { } st) yield return new LinkAttribute("st", st.ToString("R", CultureInfo.InvariantCulture));
        if (Epmin is { } epmin) yield return new LinkAttribute("epmin", epmin.ToString(CultureInfo.InvariantCulture));
        if (Epmax is { } epmax) yield return new LinkAttribute("epmax", epmax.ToString(CultureInfo.InvariantCulture));
    }
}
