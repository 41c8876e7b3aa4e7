namespace FastLwm2m.Platform.Profiles;

/// <summary>Why a profile cannot be saved: the field (e.g. <c>objects[3_1.2].resources[9].key</c>) and the problem.</summary>
/// <param name="Field">The field, in the profile's JSON shape.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record ProfileValidationError(string Field, string Message)
{
    /// <summary>"field: message".</summary>
    public override string ToString() => $"{Field}: {Message}";
}
