using System.Runtime.CompilerServices;

namespace Nlset.Geometry.Randomness;

/// <summary>
/// A portable seeded random stream: xoshiro256** (Blackman and Vigna, 2018) whose 256-bit state is
/// filled by SplitMix64. Unlike System.Random, whose seeded sequence may change between .NET
/// versions, the output here is fixed by the algorithm and identical on every run, runtime and
/// machine. <see cref="Stream"/> derives independent child streams from a stream's identity (its
/// seed and stream path), not from how many numbers it has drawn, so each consumer — the samples of
/// one surface, the noise added to them — can own a stream and stay reproducible when others change.
/// Not thread-safe: give each thread its own stream.
/// </summary>
public sealed class SeededRandom
{
    const ulong Golden = 0x9E3779B97F4A7C15; // 2^64 / φ, SplitMix64's increment
    const ulong StreamSalt = 0x6A09E667F3BCC909; // first SHA-512 IV word: a fixed odd constant unrelated to Golden

    readonly ulong _key;
    ulong _s0, _s1, _s2, _s3;
    double _spareGaussian;
    bool _hasSpareGaussian;

    /// <summary>The root stream of <paramref name="seed"/>.</summary>
    public SeededRandom(long seed) : this(Mix((ulong)seed + Golden)) { }

    /// <summary>Child stream <paramref name="stream"/> of the root stream of <paramref name="seed"/>; same as new SeededRandom(seed).Stream(stream).</summary>
    public SeededRandom(long seed, long stream) : this(ChildKey(Mix((ulong)seed + Golden), (ulong)stream)) { }

    SeededRandom(ulong key)
    {
        _key = key;
        // SplitMix64 from the key fills the state; its outputs are a bijection of distinct counters, so the four words are never all zero.
        ulong counter = key;
        _s0 = SplitMix(ref counter);
        _s1 = SplitMix(ref counter);
        _s2 = SplitMix(ref counter);
        _s3 = SplitMix(ref counter);
    }

    /// <summary>
    /// An independent stream derived from this stream's identity and <paramref name="index"/>; it does
    /// not depend on, nor change, what this stream has drawn. Distinct indices give unrelated streams.
    /// </summary>
    public SeededRandom Stream(long index) => new(ChildKey(_key, (ulong)index));

    /// <summary>64 uniformly random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) on the grid of multiples of 2^-53 (every double there is equally likely).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [0, <paramref name="n"/>), without modulo bias (Lemire's multiply-and-reject).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "the range must hold at least one integer");
        ulong range = (ulong)n;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0 - range) % range;
            while (low < threshold) high = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)high;
    }

    /// <summary>
    /// A standard normal variate by Marsaglia's polar method; values come in pairs, the second is
    /// kept for the next call. Uses only exactly rounded arithmetic and a portable logarithm.
    /// </summary>
    public double NextGaussian()
    {
        if (_hasSpareGaussian)
        {
            _hasSpareGaussian = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * PortableMath.Log(s) / s);
        _spareGaussian = v * factor;
        _hasSpareGaussian = true;
        return u * factor;
    }

    /// <summary>A normal variate with mean <paramref name="mean"/> and standard deviation <paramref name="sigma"/>.</summary>
    public double NextGaussian(double mean, double sigma) => mean + sigma * NextGaussian();

    /// <summary>
    /// <paramref name="count"/> distinct indices drawn uniformly from [0, <paramref name="population"/>),
    /// in the order drawn (a partial Fisher–Yates shuffle).
    /// </summary>
    public int[] SampleWithoutReplacement(int population, int count)
    {
        if (population < 0) throw new ArgumentOutOfRangeException(nameof(population), population, "the population cannot be negative");
        if (count < 0 || count > population)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"cannot draw {count} distinct indices from {population}");
        var pool = new int[population];
        for (int i = 0; i < population; i++) pool[i] = i;
        for (int i = 0; i < count; i++)
        {
            int j = i + NextInt(population - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..count];
    }

    static ulong ChildKey(ulong parentKey, ulong index) => Mix(parentKey ^ Mix(index ^ StreamSalt));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    static ulong SplitMix(ref ulong counter)
    {
        counter += Golden;
        return Mix(counter);
    }

    /// <summary>SplitMix64's output function (Stafford's variant 13): a bijective 64-bit avalanche mix.</summary>
    static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
