namespace FastLwm2m.Cli.Internal;

/// <summary>
/// Line input for the interactive <c>terminal</c>: typing, Backspace, Left/Right, Home/End, and
/// Up/Down through the session's history, like a shell. Used only when a person types (stdin is
/// a terminal); piped input is read line by line.
/// </summary>
internal sealed class LineEditor(Func<ConsoleKeyInfo> readKey, TextWriter output, string prompt)
{
    /// <summary>Reads one line; null at end of input (Ctrl-D on an empty line).</summary>
    public string? ReadLine(IReadOnlyList<string> history)
    {
        var line = new System.Text.StringBuilder();
        int cursor = 0;
        int index = history.Count; // history.Count = the new line being typed
        string draft = "";
        while (true)
        {
            var key = readKey();
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    output.WriteLine();
                    return line.ToString();
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < line.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                    cursor = line.Length;
                    break;
                case ConsoleKey.UpArrow when index > 0:
                    if (index == history.Count)
                    {
                        draft = line.ToString();
                    }

                    index--;
                    Replace(line, history[index], ref cursor);
                    break;
                case ConsoleKey.DownArrow when index < history.Count:
                    index++;
                    Replace(line, index == history.Count ? draft : history[index], ref cursor);
                    break;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && line.Length == 0:
                    output.WriteLine();
                    return null;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        line.Insert(cursor++, key.KeyChar);
                    }

                    break;
            }

            Redraw(line, cursor);
        }
    }

    private static void Replace(System.Text.StringBuilder line, string text, ref int cursor)
    {
        line.Clear().Append(text);
        cursor = line.Length;
    }

    // Redraw the whole line: carriage return, prompt, text, erase what is left of a longer line,
    // then move back to the cursor.
    private int _drawn;

    private void Redraw(System.Text.StringBuilder line, int cursor)
    {
        output.Write('\r');
        output.Write(prompt);
        output.Write(line.ToString());
        int extra = Math.Max(0, _drawn - line.Length);
        output.Write(new string(' ', extra));
        output.Write(new string('\b', extra + (line.Length - cursor)));
        _drawn = line.Length;
    }
}
