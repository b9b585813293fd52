using System.Text;

namespace SecondChance.Samples.Cli;

/// <summary>One line read by <see cref="BoundedLineReader"/>.</summary>
/// <param name="Text">The line without its line break; <see langword="null"/> when it was longer than the limit (its text was not kept).</param>
/// <param name="Length">The line's length in characters, counted even when it was too long.</param>
internal readonly record struct BoundedLine(string? Text, long Length)
{
    /// <summary>Gets whether the line was longer than the limit.</summary>
    public bool TooLong => Text is null;
}

/// <summary>
/// Reads lines (ended by <c>\n</c>, <c>\r\n</c> or <c>\r</c>) without ever holding more than the limit
/// in memory: a longer line is read to its end and dropped, reported as too long, and the next line is
/// read normally. <see cref="TextReader.ReadLineAsync()"/> would build the whole line, however long.
/// </summary>
internal sealed class BoundedLineReader
{
    /// <summary>The default limit: 1 MiB of characters, far above any case document.</summary>
    public const int DefaultMaxLength = 1024 * 1024;

    private readonly TextReader _reader;
    private readonly int _maxLength;
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _count;
    private bool _skipLineFeed;

    /// <summary>Creates a reader over <paramref name="reader"/> that keeps at most <paramref name="maxLength"/> characters of a line.</summary>
    public BoundedLineReader(TextReader reader, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        _reader = reader;
        _maxLength = maxLength;
    }

    /// <summary>Reads the next line; <see langword="null"/> at the end of the input.</summary>
    public async ValueTask<BoundedLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        long length = 0;
        var tooLong = false;
        var any = false;
        while (true)
        {
            if (_position == _count)
            {
                _count = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                _position = 0;
                if (_count == 0)
                {
                    return any ? End(length, tooLong) : null;
                }
            }

            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }

            any = true;
            var chunk = _buffer.AsSpan(_position, _count - _position);
            var end = chunk.IndexOfAny('\n', '\r');
            var part = end < 0 ? chunk : chunk[..end];
            length += part.Length;
            if (!tooLong && length > _maxLength)
            {
                tooLong = true;
                _line.Clear();
            }

            if (!tooLong)
            {
                _line.Append(part);
            }

            if (end < 0)
            {
                _position = _count;
                continue;
            }

            _skipLineFeed = chunk[end] == '\r';
            _position += end + 1;
            return End(length, tooLong);
        }
    }

    private BoundedLine End(long length, bool tooLong) => new(tooLong ? null : _line.ToString(), length);
}
