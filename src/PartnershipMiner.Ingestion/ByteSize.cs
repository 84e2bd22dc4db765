using System.Globalization;

namespace PartnershipMiner.Ingestion;

/// <summary>Sizes as people read them in rejection reasons ("64 MB", "1 GB", "512 bytes"), in binary multiples.</summary>
internal static class ByteSize
{
    public static string Format(long bytes)
    {
        const long Kb = 1024, Mb = Kb * 1024, Gb = Mb * 1024;
        return bytes switch
        {
            >= Gb => Scaled(bytes, Gb, "GB"),
            >= Mb => Scaled(bytes, Mb, "MB"),
            >= Kb => Scaled(bytes, Kb, "KB"),
            _ => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes",
        };
    }

    private static string Scaled(long bytes, long unit, string name) =>
        bytes % unit == 0
            ? (bytes / unit).ToString(CultureInfo.InvariantCulture) + " " + name
            : ((double)bytes / unit).ToString("0.#", CultureInfo.InvariantCulture) + " " + name;
}
