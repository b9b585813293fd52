using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SecondChance.Samples.Cli.Presentation;

/// <summary>
/// Makes text from a case, a rule file, a note or any other input safe to print to a terminal: C0 and
/// C1 control characters (ESC among them, which starts the sequences that move the cursor, recolour,
/// retitle the window or write to the clipboard), DEL and the bidirectional overrides, embeddings,
/// isolates and marks (which reorder what is shown) are written as visible escapes such as
/// <c>\u001B</c>. Line feeds and tabs stay, and so does a carriage return that ends a line (<c>\r\n</c>).
/// Every human-readable output of the CLI passes through <see cref="Safe"/>: the console's renderer (see
/// <see cref="Attach"/>), standard error (see <see cref="SafeWriter"/>) and plain text written to
/// standard output. JSON output is left exact: its serializer already escapes all of these; JSON printed
/// as it was read goes through <see cref="SafeJson"/>.
/// </summary>
internal static class TerminalText
{
    /// <summary>Returns <paramref name="text"/> with every unsafe character written as <c>\uXXXX</c>; the same instance when there is none.</summary>
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var first = FirstUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 16);
        safe.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsUnsafe(text, i))
            {
                safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }

    /// <summary>
    /// Returns the JSON text <paramref name="json"/> safe to print and still the same JSON: an unsafe character
    /// inside a string is written as its JSON escape <c>\uXXXX</c> (the same character to any parser), and a
    /// carriage return between tokens, which is only white space there, as a line feed. For JSON printed as
    /// it was read (a rule file), where a serializer's escaping never ran.
    /// </summary>
    public static string SafeJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (FirstUnsafe(json) < 0)
        {
            return json;
        }

        var safe = new StringBuilder(json.Length + 16);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString && c == '\\' && i + 1 < json.Length && !IsUnsafe(json, i + 1))
            {
                safe.Append(c).Append(json[++i]); // an escape: the next character is part of it
                continue;
            }

            if (c == '"')
            {
                inString = !inString;
            }

            if (!IsUnsafe(json, i))
            {
                safe.Append(c);
            }
            else if (!inString && c == '\r')
            {
                safe.Append('\n');
            }
            else
            {
                safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return safe.ToString();
    }

    /// <summary>Makes everything <paramref name="console"/> renders safe, whatever built it (markup, text, tables, prompts).</summary>
    public static void Attach(IAnsiConsole console) => console.Pipeline.Attach(new SafeHook());

    private static int FirstUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnsafe(string text, int i)
    {
        var c = text[i];
        return c switch
        {
            '\n' or '\t' => false,
            '\r' => i + 1 >= text.Length || text[i + 1] != '\n',
            < '\u0020' or (>= '\u007F' and <= '\u009F') => true,
            '\u061C' or '\u200E' or '\u200F' => true, // Arabic letter mark, left-to-right and right-to-left marks
            >= '\u202A' and <= '\u202E' => true, // embeddings and overrides
            >= '\u2066' and <= '\u2069' => true, // isolates
            _ => false,
        };
    }

    /// <summary>Passes each renderable through <see cref="SafeRenderable"/> before the console writes it.</summary>
    private sealed class SafeHook : IRenderHook
    {
        public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables) =>
            renderables.Select(r => r is SafeRenderable ? r : new SafeRenderable(r));
    }

    /// <summary>A renderable whose text segments are made safe; the console's own control codes and line breaks pass unchanged.</summary>
    private sealed class SafeRenderable(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            foreach (var segment in inner.Render(options, maxWidth))
            {
                yield return segment.IsControlCode || segment.IsLineBreak || ReferenceEquals(Safe(segment.Text), segment.Text)
                    ? segment
                    : new Segment(Safe(segment.Text), segment.Style);
            }
        }
    }
}

/// <summary>A writer that passes all text through <see cref="TerminalText.Safe"/>: standard error, where every line is for people.</summary>
internal sealed class SafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // Matches TextWriter.NewLine, which allows null to mean the default.
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => inner.Write(TerminalText.Safe(value.ToString()));

    public override void Write(string? value) => inner.Write(TerminalText.Safe(value));

    public override void Write(char[] buffer, int index, int count) => inner.Write(TerminalText.Safe(new string(buffer, index, count)));

    public override void WriteLine(string? value) => inner.WriteLine(TerminalText.Safe(value));

    public override void WriteLine() => inner.WriteLine();

    public override Task WriteAsync(string? value) => inner.WriteAsync(TerminalText.Safe(value));

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(TerminalText.Safe(value));

    public override Task WriteLineAsync() => inner.WriteLineAsync();

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteLineAsync(TerminalText.Safe(buffer.ToString()).AsMemory(), cancellationToken);

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(TerminalText.Safe(buffer.ToString()).AsMemory(), cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    protected override void Dispose(bool disposing)
    {
        // The inner writer belongs to the caller; only flush it.
        if (disposing)
        {
            inner.Flush();
        }

        base.Dispose(disposing);
    }
}
