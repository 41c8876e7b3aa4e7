namespace FastLwm2m.Platform.Attributes;

/// <summary>An attribute of a device took a new value.</summary>
public sealed class AttributeChangedEventArgs : EventArgs
{
    /// <summary>Creates the event.</summary>
    public AttributeChangedEventArgs(string device, AttributeValue value, AttributeValue? previous)
    {
        ArgumentNullException.ThrowIfNull(device);
        Device = device;
        Value = value;
        Previous = previous;
    }

    /// <summary>The device (its endpoint name).</summary>
    public string Device { get; }

    /// <summary>The new value.</summary>
    public AttributeValue Value { get; }

    /// <summary>The value it replaced; null for a new key.</summary>
    public AttributeValue? Previous { get; }
}
