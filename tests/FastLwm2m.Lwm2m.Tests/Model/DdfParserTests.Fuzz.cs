using CsCheck;

namespace FastLwm2m.Lwm2m.Tests.Model;

public sealed partial class DdfParserTests
{
    private static void MustNotThrow(ReadOnlySpan<byte> bytes)
    {
        bool ok = DdfParser.TryParse(bytes, "fuzz.xml", out IReadOnlyList<ObjectModel> models, out string? error);
        Assert.Equal(ok, error is null);
        if (!ok)
        {
            Assert.Empty(models);
            Assert.StartsWith("fuzz.xml: ", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RandomBytes_NeverThrow()
        => Gen.Byte.Array[0, 600].Sample(bytes => MustNotThrow(bytes), iter: 20_000);

    [Fact]
    public void RandomText_NeverThrows()
        => Gen.String.Sample(text =>
        {
            bool ok = DdfParser.TryParse(text, "fuzz.xml", out _, out string? error);
            Assert.Equal(ok, error is null);
        }, iter: 20_000);

    [Fact]
    public void EveryTruncationOfAValidFile_IsRejectedWithoutThrowing()
    {
        // Location (6 KB) keeps this quadratic walk to a fraction of a second.
        byte[] file = RegistryArchive.Read("6.xml");
        for (int length = 0; length < file.Length; length++)
        {
            // Cutting inside the trailing whitespace after </LWM2M> leaves a valid document.
            if (file.AsSpan(length).Trim("\r\n\t "u8).Length == 0)
            {
                break;
            }

            Assert.False(DdfParser.TryParse(file.AsSpan(0, length), "fuzz.xml", out _, out _), $"truncated at {length}");
        }
    }

    [Fact]
    public void RandomMutationsOfAValidFile_NeverThrow()
    {
        byte[] file = RegistryArchive.Read("version_history/3-1_0.xml");
        Gen.Select(Gen.Int[0, file.Length - 1].Array[1, 8], Gen.Byte.Array[8, 8])
            .Sample((positions, values) =>
            {
                byte[] mutated = (byte[])file.Clone();
                for (int i = 0; i < positions.Length; i++)
                {
                    mutated[positions[i]] = values[i];
                }

                MustNotThrow(mutated);
            }, iter: 5_000);
    }

    [Fact]
    public void RandomDocumentsBuiltFromDdfFragments_NeverThrow()
    {
        Gen<string> fragment = Gen.OneOf(
            Gen.Const("<LWM2M>"), Gen.Const("</LWM2M>"), Gen.Const("<Object ObjectType=\"MODefinition\">"), Gen.Const("</Object>"),
            Gen.Const("<ObjectID>3</ObjectID>"), Gen.Const("<ObjectID>x</ObjectID>"), Gen.Const("<Resources>"), Gen.Const("</Resources>"),
            Gen.Const("<Item ID=\"1\">"), Gen.Const("<Item ID=\"q\">"), Gen.Const("</Item>"), Gen.Const("<Type>Integer</Type>"),
            Gen.Const("<Type>Integr</Type>"), Gen.Const("<Operations>RW</Operations>"), Gen.Const("<![CDATA["), Gen.Const("]]>"),
            Gen.Const("<!DOCTYPE x>"), Gen.Const("&amp;"), Gen.Const("&bogus;"), Gen.Const("<?xml version=\"1.0\"?>"), Gen.String[0, 8]);
        fragment.Array[0, 40].Select(parts => string.Concat(parts)).Sample(text =>
        {
            bool ok = DdfParser.TryParse(text, "fuzz.xml", out _, out string? error);
            Assert.Equal(ok, error is null);
        }, iter: 20_000);
    }
}
