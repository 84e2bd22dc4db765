using System.Buffers.Binary;

namespace PartnershipMiner.Ingestion;

/// <summary>
/// Reads a zip's entry count from its end-of-central-directory record without loading the directory.
/// <see cref="System.IO.Compression.ZipArchive"/> materialises every entry up front, so an archive claiming millions of
/// entries is refused before it is opened.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndOfDirectory = 0x06054b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint Zip64EndOfDirectory = 0x06064b50;
    private const int EndRecordSize = 22;

    /// <summary>The declared number of entries, or null when the record is not found (the archive opener will say why).</summary>
    public static long? CountEntries(Stream seekable)
    {
        var length = seekable.Length;
        var tailLength = (int)Math.Min(length, EndRecordSize + ushort.MaxValue);
        var tail = new byte[tailLength];
        seekable.Position = length - tailLength;
        seekable.ReadExactly(tail);

        for (var at = tailLength - EndRecordSize; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndOfDirectory)
            {
                continue;
            }

            long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            if (count == ushort.MaxValue && at >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - 20)) == Zip64Locator)
            {
                count = Zip64Count(seekable, (long)BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(at - 20 + 8))) ?? count;
            }

            seekable.Position = 0;
            return count;
        }

        seekable.Position = 0;
        return null;
    }

    private static long? Zip64Count(Stream seekable, long recordOffset)
    {
        if (recordOffset < 0 || recordOffset > seekable.Length - 56)
        {
            return null;
        }

        var record = new byte[56];
        seekable.Position = recordOffset;
        seekable.ReadExactly(record);
        return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndOfDirectory
            ? (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32)), long.MaxValue)
            : null;
    }
}
