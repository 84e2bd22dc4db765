namespace PartnershipMiner.Ingestion;

/// <summary>Reads a whole stream into memory, but never more than a limit.</summary>
internal static class BoundedRead
{
    /// <summary>
    /// All bytes, or null when the stream holds more than <paramref name="maxBytes"/> (reading stops there). The
    /// length hint (a zip entry's or a server's declared size) sizes the first buffer up to 1 MB only: a declared size
    /// is a claim, and 20,000 tiny zip entries each claiming 16 MB would otherwise allocate 320 GB between them.
    /// </summary>
    public static async Task<byte[]?> ReadAllAsync(Stream stream, long maxBytes, long lengthHint, CancellationToken cancellationToken)
    {
        var initial = (int)Math.Clamp(lengthHint, 0, Math.Min(maxBytes, 1024 * 1024)) + 1;
        using var buffer = new MemoryStream(initial);
        var chunk = new byte[81920];
        while (true)
        {
            var want = (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length);
            var read = await stream.ReadAsync(chunk.AsMemory(0, want), cancellationToken);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }
    }
}
