using System.Buffers;

namespace PartnershipMiner.Ingestion;

/// <summary>One line of a byte stream. <see cref="Bytes"/> is only valid until the next read.</summary>
internal readonly record struct ByteLine(int Number, ReadOnlyMemory<byte> Bytes, bool TooLong, long Length);

/// <summary>
/// Splits a stream into \n-terminated lines without ever holding more than one line of at most a limit in memory: a
/// longer line is scanned to its end and reported as too long, its bytes discarded as they pass.
/// </summary>
internal sealed class BoundedLineReader(Stream stream, long maxLineBytes)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> _line = new();
    private int _start;
    private int _end;
    private bool _endOfStream;
    private int _number;

    /// <summary>The next line without its terminator (\n or \r\n), or null after the last one.</summary>
    public async ValueTask<ByteLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.ResetWrittenCount();
        long length = 0;
        var tooLong = false;
        var sawAnything = false;
        while (true)
        {
            if (_start == _end)
            {
                if (_endOfStream)
                {
                    if (!sawAnything)
                    {
                        return null;
                    }

                    break;
                }

                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken);
                _endOfStream = _end == 0;
                continue;
            }

            sawAnything = true;
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            var chunk = newline >= 0 ? available[..newline] : available;
            length += chunk.Length;
            if (!tooLong && length > maxLineBytes)
            {
                tooLong = true;
                _line.ResetWrittenCount();
            }

            if (!tooLong)
            {
                _line.Write(chunk);
            }

            _start += chunk.Length + (newline >= 0 ? 1 : 0);
            if (newline >= 0)
            {
                break;
            }
        }

        _number++;
        var bytes = tooLong ? ReadOnlyMemory<byte>.Empty : _line.WrittenMemory;
        if (bytes.Span is [.., (byte)'\r'])
        {
            bytes = bytes[..^1];
        }

        return new ByteLine(_number, bytes, tooLong, length);
    }
}
