namespace FastLwm2m.Platform.Profiles;

/// <summary>How the observed resources of a profile are grouped into Observe requests (the guide's "Observe strategy").</summary>
public enum ObserveStrategy
{
    /// <summary>Each resource is observed on its own (the default): best accuracy, most traffic.</summary>
    Single = 0,

    /// <summary>All resources of all objects in one Observe-Composite request: least traffic, least granular.</summary>
    CompositeAll = 1,

    /// <summary>One Observe-Composite request per object: balanced.</summary>
    CompositeByObject = 2,
}
