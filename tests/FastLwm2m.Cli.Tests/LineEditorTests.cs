using FastLwm2m.Cli.Internal;

namespace FastLwm2m.Cli.Tests;

public class LineEditorTests
{
    private static ConsoleKeyInfo Key(ConsoleKey key, char c = '\0', bool control = false) => new(c, key, false, false, control);

    private static string? Run(IReadOnlyList<string> history, params ConsoleKeyInfo[] keys)
    {
        var queue = new Queue<ConsoleKeyInfo>(keys);
        return new LineEditor(queue.Dequeue, TextWriter.Null, "> ").ReadLine(history);
    }

    private static ConsoleKeyInfo[] Type(string text) => text.Select(c => Key(ConsoleKey.A, c)).ToArray();

    [Fact]
    public void Typing_ThenEnter_ReturnsTheLine() =>
        Assert.Equal("DiscoverAll", Run([], [.. Type("DiscoverAll"), Key(ConsoleKey.Enter)]));

    [Fact]
    public void UpArrow_RecallsTheLastLine_AndUpAgainTheOneBefore() =>
        Assert.Equal("Read {\"id\":\"/3/0/9\"}", Run(["Read {\"id\":\"/3/0/9\"}", "DiscoverAll"], Key(ConsoleKey.UpArrow), Key(ConsoleKey.UpArrow), Key(ConsoleKey.Enter)));

    [Fact]
    public void DownArrow_ComesBackToWhatWasBeingTyped() =>
        Assert.Equal("Obs", Run(["DiscoverAll"], [.. Type("Obs"), Key(ConsoleKey.UpArrow), Key(ConsoleKey.DownArrow), Key(ConsoleKey.Enter)]));

    [Fact]
    public void RecalledLine_CanBeEdited() =>
        Assert.Equal("DiscoverAl!", Run(["DiscoverAll"], Key(ConsoleKey.UpArrow), Key(ConsoleKey.Backspace), Key(ConsoleKey.A, '!'), Key(ConsoleKey.Enter)));

    [Fact]
    public void LeftArrow_InsertsInTheMiddle() =>
        Assert.Equal("Rad", Run([], [.. Type("Rd"), Key(ConsoleKey.LeftArrow), Key(ConsoleKey.A, 'a'), Key(ConsoleKey.Enter)]));

    [Fact]
    public void ControlD_OnAnEmptyLine_EndsInput() =>
        Assert.Null(Run([], Key(ConsoleKey.D, '\u0004', control: true)));
}
