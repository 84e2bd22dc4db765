using System.Buffers;

namespace PartnershipMiner.Core.Text;

/// <summary>
/// Builds one string in a buffer rented from the shared pool: the only allocation is the finished string (a
/// StringBuilder would also allocate, and zero, a buffer as large as the text).
/// </summary>
internal ref struct RentedTextBuffer
{
    private char[] buffer;
    private int length;

    public RentedTextBuffer(int capacity)
    {
        buffer = ArrayPool<char>.Shared.Rent(capacity);
        length = 0;
    }

    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (length + text.Length > buffer.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(buffer.AsSpan(length));
        length += text.Length;
    }

    /// <summary>What has been appended so far; valid until the next append.</summary>
    public readonly ReadOnlySpan<char> Written => buffer.AsSpan(0, length);

    public override readonly string ToString() => new(buffer, 0, length);

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(buffer);
        buffer = [];
        length = 0;
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(buffer.Length * 2, length + needed));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<char>.Shared.Return(buffer);
        buffer = larger;
    }
}
