using FastLwm2m.Platform.Profiles;

namespace FastLwm2m.Platform.Tests.Profiles;

public sealed class KeyNamesTests
{
    [Theory]
    [InlineData("Battery Level", "batteryLevel")]
    [InlineData("Manufacturer", "manufacturer")]
    [InlineData("Radio Signal Strength", "radioSignalStrength")]
    [InlineData("Model Number", "modelNumber")]
    [InlineData("Dimming [%]", "dimming")]
    [InlineData("UTC Offset", "utcOffset")]
    [InlineData("Router IP Addresses", "routerIPAddresses")]
    [InlineData("ExtDevInfo", "extDevInfo")]
    [InlineData("Supported Binding and Modes", "supportedBindingAndModes")]
    [InlineData("Sensor 2 value", "sensor2Value")]
    [InlineData("SMS-MO counter (x1000)", "smsMOCounterX1000")]
    [InlineData("  leading_and__trailing  ", "leadingAndTrailing")]
    [InlineData("[%]", "")]
    [InlineData("", "")]
    public void FromResourceName_GivesCamelCase(string name, string key)
        => Assert.Equal(key, KeyNames.FromResourceName(name));
}
