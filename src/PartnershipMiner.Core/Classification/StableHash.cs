using System.Runtime.CompilerServices;
namespace PartnershipMiner.Core.Classification;

/// <summary>
/// The feature hash of the model file. It must never change for a given format version, because a model's weights are
/// addressed by it: string.GetHashCode is randomised per process and so is useless here.
/// <para>
/// Algorithm: 32-bit FNV-1a (offset basis 2166136261, prime 16777619) over the UTF-16 code units of the input, each code
/// unit fed as two octets, low byte first (that is, FNV-1a over the UTF-16LE bytes), then the MurmurHash3 32-bit
/// finaliser so that the low bits used as a bucket index depend on every input bit.
/// </para>
/// </summary>
public static class StableHash
{
    public const uint OffsetBasis = 2166136261u;
    private const uint Prime = 16777619u;

    /// <summary>Continues an FNV-1a state over <paramref name="codeUnits"/>; start from <see cref="OffsetBasis"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint Fnv1a(uint state, ReadOnlySpan<char> codeUnits)
    {
        foreach (var c in codeUnits)
        {
            state = Step(state, c);
        }

        return state;
    }

    public static uint Fnv1a(ReadOnlySpan<char> codeUnits) => Fnv1a(OffsetBasis, codeUnits);

    /// <summary>Feeds one UTF-16 code unit (two octets, little-endian) into an FNV-1a state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint Step(uint state, char codeUnit)
    {
        state = (state ^ (byte)codeUnit) * Prime;
        return (state ^ (uint)(codeUnit >> 8)) * Prime;
    }

    /// <summary>MurmurHash3's fmix32: spreads FNV's weak low bits before they are masked into a bucket.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint Finalise(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }
}
