namespace PartnershipMiner.Core.Classification;

/// <summary>A smooth function to minimise: returns f(x) and writes ∇f(x) into <c>gradient</c>.</summary>
public interface IDifferentiableFunction
{
    int Dimension { get; }

    double Evaluate(ReadOnlySpan<double> x, Span<double> gradient);
}

public sealed record LbfgsOptions
{
    /// <summary>Number of (s, y) correction pairs kept for the inverse-Hessian estimate.</summary>
    public int Memory { get; init; } = 10;

    public int MaxIterations { get; init; } = 500;

    /// <summary>Stop when ‖∇f‖ ≤ tolerance · max(1, ‖x‖).</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>Stop when the relative decrease of f over one iteration falls below this.</summary>
    public double FunctionTolerance { get; init; } = 1e-10;

    /// <summary>Armijo sufficient-decrease constant.</summary>
    public double Armijo { get; init; } = 1e-4;

    public int MaxLineSearchSteps { get; init; } = 40;
}

public sealed record LbfgsResult(double[] Minimum, double Value, int Iterations, bool Converged, string StopReason);

/// <summary>
/// Limited-memory BFGS: the two-loop recursion for the search direction and a backtracking line search with safeguarded
/// quadratic interpolation that guarantees the Armijo condition. Every reduction is a plain sequential loop, so the
/// same inputs give the same bits on any machine with the same floating-point maths (no SIMD-width-dependent sums).
/// </summary>
public sealed class LbfgsMinimizer(LbfgsOptions options)
{
    public LbfgsOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public LbfgsResult Minimize(IDifferentiableFunction function, ReadOnlySpan<double> start)
    {
        ArgumentNullException.ThrowIfNull(function);
        var n = function.Dimension;
        if (start.Length != n)
        {
            throw new ArgumentException($"start has {start.Length} values, the function takes {n}", nameof(start));
        }

        var m = Options.Memory;
        var x = start.ToArray();
        var g = new double[n];
        var direction = new double[n];
        var xNext = new double[n];
        var gNext = new double[n];
        var s = new double[m][];
        var y = new double[m][];
        var rho = new double[m];
        var alpha = new double[m];
        for (var k = 0; k < m; k++)
        {
            s[k] = new double[n];
            y[k] = new double[n];
        }

        var stored = 0;
        var newest = -1;
        var f = function.Evaluate(x, g);
        for (var iteration = 1; iteration <= Options.MaxIterations; iteration++)
        {
            if (Norm(g) <= Options.GradientTolerance * Math.Max(1.0, Norm(x)))
            {
                return new LbfgsResult(x, f, iteration - 1, true, "gradient norm below tolerance");
            }

            TwoLoopDirection(g, s, y, rho, alpha, stored, newest, direction);
            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                // The curvature pairs have gone bad; fall back to steepest descent and forget them.
                stored = 0;
                for (var i = 0; i < n; i++)
                {
                    direction[i] = -g[i];
                }

                slope = -Dot(g, g);
            }

            // Before any curvature is known, a unit step along −g can be wildly off scale.
            var step = stored == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(-slope)) : 1.0;
            var (accepted, fNext) = LineSearch(function, x, f, slope, direction, ref step, xNext, gNext);
            if (!accepted)
            {
                return new LbfgsResult(x, f, iteration, false, "line search found no sufficient decrease");
            }

            newest = (newest + 1) % m;
            var sy = 0.0;
            var yy = 0.0;
            var sNew = s[newest];
            var yNew = y[newest];
            for (var i = 0; i < n; i++)
            {
                sNew[i] = xNext[i] - x[i];
                yNew[i] = gNext[i] - g[i];
                sy += sNew[i] * yNew[i];
                yy += yNew[i] * yNew[i];
            }

            // Keep a pair only if it carries positive curvature; otherwise it would break the Hessian estimate.
            if (sy > 1e-12 * Math.Max(1.0, yy))
            {
                rho[newest] = 1.0 / sy;
                stored = Math.Min(stored + 1, m);
            }
            else
            {
                // The rejected pair overwrote the slot of the oldest one, which is therefore gone too.
                newest = (newest - 1 + m) % m;
                stored = Math.Min(stored, m - 1);
            }

            var decrease = f - fNext;
            xNext.AsSpan().CopyTo(x);
            gNext.AsSpan().CopyTo(g);
            var previous = f;
            f = fNext;
            if (decrease <= Options.FunctionTolerance * Math.Max(1.0, Math.Abs(previous)))
            {
                return new LbfgsResult(x, f, iteration, true, "relative decrease below tolerance");
            }
        }

        return new LbfgsResult(x, f, Options.MaxIterations, false, "iteration limit reached");
    }

    /// <summary>direction = −H·g, with H the L-BFGS inverse-Hessian estimate scaled by sᵀy / yᵀy of the newest pair.</summary>
    private static void TwoLoopDirection(
        double[] g, double[][] s, double[][] y, double[] rho, double[] alpha, int stored, int newest, double[] direction)
    {
        var n = g.Length;
        var m = s.Length;
        for (var i = 0; i < n; i++)
        {
            direction[i] = -g[i];
        }

        for (var k = 0; k < stored; k++)
        {
            var j = (newest - k + m) % m;
            alpha[j] = rho[j] * Dot(s[j], direction);
            Axpy(-alpha[j], y[j], direction);
        }

        if (stored > 0)
        {
            var gamma = 1.0 / (rho[newest] * Dot(y[newest], y[newest]));
            for (var i = 0; i < n; i++)
            {
                direction[i] *= gamma;
            }
        }

        for (var k = stored - 1; k >= 0; k--)
        {
            var j = (newest - k + m) % m;
            var beta = rho[j] * Dot(y[j], direction);
            Axpy(alpha[j] - beta, s[j], direction);
        }
    }

    /// <summary>
    /// Backtracking until f(x + t·d) ≤ f(x) + c₁·t·∇f·d. Each retry takes the minimiser of the quadratic through
    /// f(x), the slope and f at the rejected step, kept within [0.1, 0.5] of that step so it neither stalls nor jumps.
    /// </summary>
    private (bool Accepted, double Value) LineSearch(
        IDifferentiableFunction function,
        double[] x,
        double f,
        double slope,
        double[] direction,
        ref double step,
        double[] xNext,
        double[] gNext)
    {
        for (var attempt = 0; attempt < Options.MaxLineSearchSteps; attempt++)
        {
            for (var i = 0; i < x.Length; i++)
            {
                xNext[i] = x[i] + (step * direction[i]);
            }

            var fNext = function.Evaluate(xNext, gNext);
            if (double.IsFinite(fNext) && fNext <= f + (Options.Armijo * step * slope))
            {
                return (true, fNext);
            }

            var quadratic = double.IsFinite(fNext)
                ? -slope * step * step / (2.0 * (fNext - f - (slope * step)))
                : 0.1 * step;
            step = Math.Clamp(quadratic, 0.1 * step, 0.5 * step);
        }

        return (false, f);
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
