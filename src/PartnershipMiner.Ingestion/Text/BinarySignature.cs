namespace PartnershipMiner.Ingestion;

/// <summary>
/// Magic numbers of common binary formats. A file with one of these is binary whatever its extension says; catching it
/// here gives a clearer reason than "NUL bytes" and also covers formats whose first bytes happen to be NUL-free.
/// </summary>
internal static class BinarySignature
{
    private static readonly (string Name, byte[] Magic)[] Known =
    [
        ("PNG image", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("JPEG image", [0xFF, 0xD8, 0xFF]),
        ("GIF image", "GIF87a"u8.ToArray()),
        ("GIF image", "GIF89a"u8.ToArray()),
        ("PDF document", "%PDF-"u8.ToArray()),
        ("ZIP archive", [0x50, 0x4B, 0x03, 0x04]),
        ("ZIP archive", [0x50, 0x4B, 0x05, 0x06]),
        ("ZIP archive", [0x50, 0x4B, 0x07, 0x08]),
        ("gzip data", [0x1F, 0x8B]),
        ("ELF executable", [0x7F, 0x45, 0x4C, 0x46]),
        ("7-Zip archive", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),
        ("RAR archive", [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07]),
        ("xz data", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),
        ("OLE compound document", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
    ];

    /// <summary>The format's name when <paramref name="bytes"/> starts with a known signature, else null.</summary>
    public static string? Match(ReadOnlySpan<byte> bytes)
    {
        foreach (var (name, magic) in Known)
        {
            if (bytes.StartsWith(magic))
            {
                return name;
            }
        }

        return null;
    }
}
