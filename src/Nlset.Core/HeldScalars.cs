using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core;

/// <summary>
/// TorchSharp reads a <see cref="Scalar"/>'s native handle and calls libtorch without keeping the Scalar alive, so a
/// Scalar made on the fly (from a number, or inside <c>a + b</c>, <c>x.square()</c>, <c>x * 2.0</c>, Adam's step) can be
/// finalized by a garbage collection on another thread while libtorch reads it: "Unknown scalar type" or
/// "Expected false to be true", once in thousands of steps (issue 13). Every Scalar our code passes is held: constants
/// here (static, never collected), run-time values in a <c>using</c> local. The analyzer NL0001
/// (build/Nlset.Analyzers) rejects any other. These are TorchSharp's own operators with the Scalar held, so the
/// results are bit-identical to theirs.
/// </summary>
public static class HeldScalars
{
    /// <summary>Integer constants, as TorchSharp's operators pass them (<c>add(target, 1)</c>, <c>pow(2)</c>).</summary>
    public static readonly Scalar Zero = 0, One = 1, Two = 2, MinusOne = -1;

    /// <summary>Floating-point constants, for the calls that were given 0.0 and 1.0.</summary>
    public static readonly Scalar ZeroReal = 0.0, OneReal = 1.0;

    /// <summary>a + b, as TorchSharp's operator: add(b, alpha: 1).</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a + c, as TorchSharp's operator: add(c, alpha: 1).</summary>
    public static Tensor Plus(this Tensor a, Scalar c) => a.add(c, One);

    /// <summary>In place a += b.</summary>
    public static Tensor PlusInPlace(this Tensor a, Tensor b) => a.add_(b, One);

    /// <summary>c − a, as TorchSharp's operator: (−a) + c.</summary>
    public static Tensor Minus(this Scalar c, Tensor a) => a.negative().add(c, One);

    /// <summary>x², as TorchSharp's square(): pow(2).</summary>
    public static Tensor Squared(this Tensor x) => x.pow(Two);

    /// <summary>
    /// log(1 + exp(βx))/β, linear above the threshold: TorchSharp's softplus with its two Scalars held. Its public
    /// softplus(double, double) makes them on the fly, so this calls the private overload that takes Scalars (the
    /// same native call); a TorchSharp without it fails here at once, not by chance.
    /// </summary>
    public static Tensor Softplus(this Tensor x, Scalar beta, Scalar threshold) => SoftplusWithScalars.Value(x, beta, threshold);

    static readonly Lazy<Func<Tensor, Scalar, Scalar, Tensor>> SoftplusWithScalars = new(() =>
    {
        var method = typeof(Tensor).GetMethod("softplus1", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic,
            [typeof(Scalar), typeof(Scalar)]) ?? throw new MissingMethodException("TorchSharp's Tensor.softplus1(Scalar, Scalar) is gone: see HeldScalars.Softplus");
        return method.CreateDelegate<Func<Tensor, Scalar, Scalar, Tensor>>();
    });

    /// <summary>0, 1, …, n − 1 (int64), as arange(n).</summary>
    public static Tensor Range(long n, Device? device = null)
    {
        using var stop = n.ToScalar();
        return torch.arange(Zero, stop, One, ScalarType.Int64, device);
    }

    /// <summary>start, …, stop − 1 (int64).</summary>
    public static Tensor Range(long start, long stop, Device? device = null)
    {
        using var from = start.ToScalar();
        using var to = stop.ToScalar();
        return torch.arange(from, to, One, ScalarType.Int64, device);
    }
}
