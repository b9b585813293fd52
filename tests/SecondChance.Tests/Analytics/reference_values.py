"""Reference numbers for the analytics tests, computed independently of the library.

Run with python3 (needs mpmath): python3 reference_values.py

- Wilson score interval: the closed formula, evaluated with 40-digit arithmetic (mpmath) and
  z = the exact 97.5th normal percentile (mpmath's inverse error function).
- Beta quantiles with whole-number parameters: the identity
  I_x(a, b) = P(Binomial(a + b - 1, x) >= a), summed exactly, then bisection to 1e-30.
- Beta quantiles with fractional parameters: mpmath.betainc(regularized=True) and bisection.
The two Beta methods agree wherever both apply; the script checks that.
"""
from math import comb
import mpmath as mp

mp.mp.dps = 40
Z = mp.sqrt(2) * mp.erfinv(mp.mpf("0.95"))


def wilson(x, n):
    p = mp.mpf(x) / n
    d = 1 + Z**2 / n
    centre = (p + Z**2 / (2 * n)) / d
    half = Z / d * mp.sqrt(p * (1 - p) / n + Z**2 / (4 * n * n))
    lo = mp.mpf(0) if x == 0 else centre - half
    hi = mp.mpf(1) if x == n else centre + half
    return lo, hi


def cdf_integer(a, b, x):
    # Terms C(m, j) x^j (1 - x)^(m - j) for j = a..m, each from the one before.
    m = a + b - 1
    term = comb(m, a) * x**a * (1 - x) ** (m - a)
    total = term
    ratio = x / (1 - x)
    for j in range(a + 1, m + 1):
        term = term * (m - j + 1) / j * ratio
        total += term
    return total


def cdf_mpmath(a, b, x):
    return mp.betainc(a, b, 0, x, regularized=True)


def quantile(cdf, a, b, q):
    lo, hi = mp.mpf(0), mp.mpf(1)
    for _ in range(120):
        mid = (lo + hi) / 2
        if cdf(a, b, mid) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def posterior(alpha, beta):
    whole = float(alpha).is_integer() and float(beta).is_integer()
    cdf = cdf_integer if whole else cdf_mpmath
    a = int(alpha) if whole else mp.mpf(alpha)
    b = int(beta) if whole else mp.mpf(beta)
    lo = quantile(cdf, a, b, mp.mpf("0.025"))
    hi = quantile(cdf, a, b, mp.mpf("0.975"))
    if whole and alpha + beta < 1000:  # cross-check the exact sum against mpmath's own incomplete beta
        assert abs(quantile(cdf_mpmath, a, b, mp.mpf("0.025")) - lo) < 1e-25
    return mp.mpf(alpha) / (mp.mpf(alpha) + beta), lo, hi


def show(label, values):
    print(label, ", ".join(mp.nstr(v, 17) for v in values))


print("z95", mp.nstr(Z, 17))
for x, n in [(9, 10), (7, 9), (4, 7), (3, 4), (2, 3), (7, 10), (4, 10), (3, 10), (2, 10),
             (2, 3), (1, 2), (1, 3), (1, 1), (0, 1), (0, 5), (5, 5), (0, 10)]:
    show(f"wilson {x}/{n}", wilson(x, n))
# (prior, weight, successes, failures)
for prior, weight, s, f in [("0.3", 20, 2, 4), ("0.3", 20, 0, 0), ("0.15", 20, 0, 0), ("0.15", 20, 1, 2),
                            ("0.3", 20, 1, 0), ("0.15", 10, 2, 5), ("0.3", 50, 12, 18),
                            ("0.3", 20, 3000, 7000)]:
    alpha = mp.mpf(prior) * weight + s
    beta = (1 - mp.mpf(prior)) * weight + f
    alpha = int(alpha) if alpha == int(alpha) else alpha
    beta = int(beta) if beta == int(beta) else beta
    show(f"beta prior={prior} w={weight} s={s} f={f} -> Beta({alpha}, {beta}) mean/lo/hi", posterior(alpha, beta))
# A few values of I_x(a, b) itself.
for a, b, x in [(2, 3, "0.4"), (6, 14, "0.3"), (0.5, 0.5, "0.2"), (1.5, 8.5, "0.1"), (30, 70, "0.35")]:
    show(f"I_{x}({a}, {b})", [cdf_mpmath(mp.mpf(a), mp.mpf(b), mp.mpf(x))])
