namespace SecondChance.Analytics;

/// <summary>
/// The few special functions the statistics need, implemented here to keep the library free of a
/// numerics dependency: log-gamma, the regularized incomplete beta function and its inverse.
/// </summary>
internal static class SpecialFunctions
{
    /// <summary>The 97.5th percentile of the standard normal distribution, for 95% two-sided intervals.</summary>
    public const double Z95 = 1.959963984540054;

    private const int MaxContinuedFractionTerms = 1_000_000;
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;

    // Lanczos approximation, g = 7, nine coefficients: about 15 significant digits for x > 0.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>Returns ln Γ(<paramref name="x"/>) for <paramref name="x"/> above zero.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>Returns ln B(<paramref name="a"/>, <paramref name="b"/>) = ln Γ(a) + ln Γ(b) - ln Γ(a + b).</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>
    /// Returns the regularized incomplete beta function I_x(a, b): the probability that a Beta(a, b)
    /// variable is at most <paramref name="x"/>. Uses the continued fraction of Numerical Recipes
    /// (section 6.4) evaluated with the modified Lentz method, on whichever side of the mean converges fast.
    /// </summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var logFront = (a * Math.Log(x)) + (b * Math.Log(1 - x)) - LogBeta(a, b);
        if (x < (a + 1) / (a + b + 2))
        {
            return Math.Exp(logFront) * ContinuedFraction(a, b, x) / a;
        }

        return 1 - (Math.Exp(logFront) * ContinuedFraction(b, a, 1 - x) / b);
    }

    /// <summary>
    /// Returns the <paramref name="p"/>-quantile of Beta(<paramref name="a"/>, <paramref name="b"/>): the x
    /// with I_x(a, b) = p. Newton steps on the density, kept inside a shrinking bisection bracket so a bad
    /// step can never leave (0, 1). A zero <paramref name="a"/> or <paramref name="b"/> is the limit of a
    /// point mass at 0 or 1.
    /// </summary>
    public static double InverseRegularizedIncompleteBeta(double a, double b, double p)
    {
        if (a <= 0)
        {
            return 0;
        }

        if (b <= 0 || p >= 1)
        {
            return 1;
        }

        if (p <= 0)
        {
            return 0;
        }

        var logBeta = LogBeta(a, b);
        double lo = 0, hi = 1;
        var x = Math.Clamp(a / (a + b), 1e-12, 1 - 1e-12);
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var f = RegularizedIncompleteBeta(a, b, x) - p;
            if (f == 0)
            {
                return x;
            }

            if (f < 0)
            {
                lo = x;
            }
            else
            {
                hi = x;
            }

            var density = Math.Exp(((a - 1) * Math.Log(x)) + ((b - 1) * Math.Log(1 - x)) - logBeta);
            var next = x - (f / density);
            if (!(next > lo && next < hi))
            {
                next = Bisect(lo, hi);
            }

            if (Math.Abs(next - x) <= 1e-15 * Math.Min(x, 1 - x) || next <= lo || next >= hi)
            {
                return next;
            }

            x = next;
        }

        return x;
    }

    // A small shape parameter puts quantiles many orders of magnitude from the mean (Beta(0.02, 20) has its
    // 0.1% quantile near 1e-150), so halve the exponent rather than the value while the bracket spans decades.
    private static double Bisect(double lo, double hi)
    {
        if (lo == 0)
        {
            return hi * 1e-3;
        }

        return hi > 4 * lo ? Math.Sqrt(lo * hi) : lo + ((hi - lo) / 2);
    }

    private static double ContinuedFraction(double a, double b, double x)
    {
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = NonZero(1 - (qab * x / qap));
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= MaxContinuedFractionTerms; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 / NonZero(1 + (aa * d));
            c = NonZero(1 + (aa / c));
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 / NonZero(1 + (aa * d));
            c = NonZero(1 + (aa / c));
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return h;
    }

    private static double NonZero(double value) => Math.Abs(value) < Tiny ? Tiny : value;
}
