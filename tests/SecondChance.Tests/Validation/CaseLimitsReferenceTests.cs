using System.Threading;
using CsCheck;
using SecondChance.Validation;

namespace SecondChance.Tests.Validation;

/// <summary>
/// Email addresses of printable ASCII take a one-scan path; names and gaps short-cut on a printable
/// first character. All must keep the documented rules, held here to a plain reference written from
/// the XML docs.
/// </summary>
public class CaseLimitsReferenceTests
{
    /// <summary>
    /// The documented rule: one '@' with text on both sides, a dot in the domain that neither starts nor
    /// ends it (and no empty label, "a..b"), no white space or control character, at most 254 characters.
    /// </summary>
    private static bool ReferenceEmail(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 254)
        {
            return false;
        }

        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var parts = value.Split('@');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return false;
        }

        var domain = parts[1];
        return domain.Contains('.') && domain[0] != '.' && domain[^1] != '.' && !domain.Contains("..");
    }

    private static bool ReferenceText(string? value, int max) =>
        value is { Length: > 0 } && value.Length <= max
        && value.Any(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format);

    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    private const string Punctuation = "!#$%&'*+-/=?^_`{|}~()<>[]:;,\"\\";
    private const string Controls = "\0\u0001\u0008\u000b\u000c\r\n\u001f\u0080\u0085\u009f";
    private const string NonAsciiLetters = "éßüñøåЖ中あ";
    private const string OddSpaces = "\u00a0\u2003\u2002\u2009\u200b\u3000\u2028\u1680\ufeff";

    /// <summary>Characters weighted towards what matters to the rules.</summary>
    private static readonly Gen<char> EmailChar = Gen.Frequency(
        (30, Gen.Char[Letters]),
        (8, Gen.Char[Digits]),
        (8, Gen.Const('.')),
        (5, Gen.Const('@')),
        (3, Gen.Char[Punctuation]),
        (2, Gen.Const(' ')),
        (1, Gen.Const('\t')),
        (1, Gen.Const('\u007f')),
        (1, Gen.Char[Controls]),
        (2, Gen.Char[NonAsciiLetters]),
        (1, Gen.Char[OddSpaces]),
        (1, Gen.Char['\ud800', '\udfff']));

    private static readonly int[] Boundaries = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 63, 64, 65, 127, 128, 253, 254, 255];

    private static readonly Gen<int> Lengths = Gen.Frequency(
        (10, Gen.Int[5, 70]),
        (3, Gen.Int[0, Boundaries.Length - 1].Select(i => Boundaries[i])),
        (1, Gen.Int[0, 300]));

    private static readonly Gen<string> RandomStrings = Lengths.SelectMany(n => EmailChar.Array[n]).Select(chars => new string(chars));

    private static readonly Gen<string> Label = Gen.Char[Letters + Digits + "-_"].Array[1, 12].Select(c => new string(c));

    /// <summary>Mostly well-formed addresses, then zero to three mutations (insert, delete or replace a character).</summary>
    private static readonly Gen<string> NearlyValid =
        Gen.Select(Label.Array[1, 3], Label.Array[2, 4], Gen.Select(Gen.Int[0, 2], Gen.Int[0, 1000], EmailChar).Array[0, 3])
            .Select((local, domain, mutations) =>
            {
                var text = new System.Text.StringBuilder(string.Join(".", local) + "@" + string.Join(".", domain));
                foreach (var (kind, at, c) in mutations)
                {
                    var i = at % (text.Length + 1);
                    switch (kind)
                    {
                        case 0:
                            text.Insert(i, c);
                            break;
                        case 1 when i < text.Length:
                            text.Remove(i, 1);
                            break;
                        case 2 when i < text.Length:
                            text[i] = c;
                            break;
                    }
                }

                return text.ToString();
            });

    /// <summary>Addresses padded to exactly a length at or next to a vector block size (8, 16, 32, 64 characters).</summary>
    private static readonly Gen<string> AtBoundary =
        Gen.Select(NearlyValid, Gen.Int[0, Boundaries.Length - 1], Gen.Bool)
            .Select((s, b, padLocal) =>
            {
                var n = Boundaries[b];
                if (s.Length >= n)
                {
                    return s[..n];
                }

                var pad = new string('x', n - s.Length);
                var at = s.IndexOf('@', StringComparison.Ordinal);
                return padLocal && at >= 0 ? pad + s : s + pad;
            });

    [Fact]
    public void IsValidEmail_RandomStrings_MatchesReference() => Check(RandomStrings, 20_000, minValid: 0);

    [Fact]
    public void IsValidEmail_NearlyValidAddresses_MatchesReference() => Check(NearlyValid, 20_000, minValid: 2_000);

    [Fact]
    public void IsValidEmail_BoundaryLengths_MatchesReference() => Check(AtBoundary, 20_000, minValid: 1_000);

    private static void Check(Gen<string> gen, int iter, int minValid)
    {
        var valid = 0;
        gen.Sample(s =>
        {
            var expected = ReferenceEmail(s);
            if (expected)
            {
                Interlocked.Increment(ref valid);
            }

            CaseLimits.IsValidEmail(s).Should().Be(expected, Show(s));
        }, iter: iter, print: Show);
        valid.Should().BeGreaterThanOrEqualTo(minValid, "the generator must reach valid addresses too");
    }

    private static string Show(string s) =>
        $"\"{string.Concat(s.Select(c => c is >= ' ' and < '\u007f' ? c.ToString() : $"\\u{(int)c:x4}"))}\" (length {s.Length})";

    [Fact]
    public void IsValidEmail_EveryAtAndDotPositionUpTo80_MatchesReference()
    {
        for (var n = 1; n <= 80; n++)
        {
            for (var at = 0; at < n; at++)
            {
                for (var dot = 0; dot < n; dot++)
                {
                    var chars = Enumerable.Repeat('a', n).ToArray();
                    chars[at] = '@';
                    if (dot != at)
                    {
                        chars[dot] = '.';
                    }

                    var s = new string(chars);
                    CaseLimits.IsValidEmail(s).Should().Be(ReferenceEmail(s), Show(s));

                    // A second dot right after the first, and a space, a DEL or a non-ASCII letter at the end.
                    if (dot + 1 < n && dot + 1 != at)
                    {
                        var doubled = (char[])chars.Clone();
                        doubled[dot + 1] = '.';
                        var d = new string(doubled);
                        CaseLimits.IsValidEmail(d).Should().Be(ReferenceEmail(d), Show(d));
                    }

                    foreach (var tail in new[] { ' ', '\u007f', 'é', '\u00a0' })
                    {
                        var t = s[..^1] + tail;
                        if (at != n - 1)
                        {
                            CaseLimits.IsValidEmail(t).Should().Be(ReferenceEmail(t), Show(t));
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("pat@contoso.example", true)] // the usual address
    [InlineData("a@b.co", true)] // 6 characters
    [InlineData("ab@cd.ef", true)] // exactly 8
    [InlineData("abc@cd.ef", true)] // 9: the second block overlaps the first
    [InlineData("abcdefg@ijklmn.op", true)] // 17
    [InlineData("first.last@sub.domain.example", true)] // dots in the local part and the domain
    [InlineData(".pat.@contoso.example", true)] // the rule says nothing about dots in the local part
    [InlineData("pat..lee@contoso.example", true)] // nor about two dots there
    [InlineData("josé@contoso.example", true)] // a non-ASCII letter is neither white space nor a control character
    [InlineData("pat@exämple.com", true)] // also in the domain
    [InlineData("pat@contoso.example\u200b", true)] // zero-width space is a format character, not white space
    [InlineData("o'brien+tag@contoso.example", true)] // printable punctuation is allowed
    [InlineData("", false)] // empty
    [InlineData("patcontoso.example", false)] // no @
    [InlineData("@contoso.example", false)] // nothing before @
    [InlineData("pat@", false)] // nothing after @
    [InlineData("pat@@contoso.example", false)] // two @
    [InlineData("pat@contoso@example.com", false)] // @ in the domain
    [InlineData("pat@contoso", false)] // no dot in the domain
    [InlineData("pat@.contoso.example", false)] // domain starts with a dot
    [InlineData("pat@contoso.example.", false)] // domain ends with a dot
    [InlineData("pat@contoso..example", false)] // empty label
    [InlineData("pat@contoso...example", false)] // three dots
    [InlineData("pat lee@contoso.example", false)] // space
    [InlineData("pat@contoso.example ", false)] // trailing space
    [InlineData(" pat@contoso.example", false)] // leading space
    [InlineData("pat\t@contoso.example", false)] // tab
    [InlineData("pat@contoso.exam\u007fple", false)] // DEL is a control character
    [InlineData("pat@contoso.example\u0085", false)] // NEL, a C1 control
    [InlineData("pat\u00a0lee@contoso.example", false)] // no-break space is white space
    [InlineData("pat@contoso\u2003.example", false)] // em space
    [InlineData("pat@contoso.example\n", false)] // newline
    [InlineData("pat@contoso.ex\0ample", false)] // NUL
    [InlineData("a@b.", false)] // short, ends with a dot
    [InlineData("aaaaaaa@", false)] // 8 characters, @ last
    [InlineData("@aaaaaa.", false)] // 8 characters, @ first
    [InlineData("aaaaaa.@b.c", true)] // a dot just before @ is in the local part
    [InlineData("aaaaaa@.b.c", false)] // a dot just after @ starts the domain
    public void IsValidEmail_Examples_Expected(string email, bool valid)
    {
        ReferenceEmail(email).Should().Be(valid, "the reference follows the documented rule");
        CaseLimits.IsValidEmail(email).Should().Be(valid);
    }

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(254)]
    [InlineData(255)]
    public void IsValidEmail_LongAddresses_ValidUpTo254(int length)
    {
        var domain = "@contoso.example";
        var local = new string('p', length - domain.Length);
        CaseLimits.IsValidEmail(local + domain).Should().Be(length <= 254);
        CaseLimits.IsValidEmail(local + "@contoso..example").Should().BeFalse();

        // The last character being a dot, '@', space or DEL is caught at every length.
        foreach (var last in new[] { '.', '@', ' ', '\u007f' })
        {
            var s = local + domain[..^1] + last;
            CaseLimits.IsValidEmail(s).Should().Be(ReferenceEmail(s), Show(s));
        }
    }

    [Fact]
    public void IsValidEmail_Null_Invalid() => CaseLimits.IsValidEmail(null).Should().BeFalse();

    // Names and gaps: not blank (white space of any kind does not count) and at most 200 / 500 characters.
    private static readonly Gen<char> TextChar = Gen.Frequency(
        (10, Gen.Char[Letters]),
        (6, Gen.Const(' ')),
        (2, Gen.Char["\t\n\r\u000b\u000c"]),
        (3, Gen.Char[OddSpaces]),
        (2, Gen.Char[Controls + "\u007f"]),
        (1, Gen.Char[NonAsciiLetters + Punctuation]));

    private static readonly Gen<string> Texts = Gen.Frequency(
        (6, Gen.Int[0, 12]),
        (2, Gen.OneOf(Gen.Const(199), Gen.Const(200), Gen.Const(201), Gen.Const(499), Gen.Const(500), Gen.Const(501))),
        (1, Gen.Int[0, 600]))
        .SelectMany(n => Gen.Frequency(
            (3, TextChar.Array[n]),
            (2, Gen.Char[" \t\u00a0\u2003\u3000\r\n\u2028\u1680\u0085"].Array[n]),
            (1, Gen.Select(Gen.Char[" \u00a0\u2003\t"].Array[n], Gen.Int[0, Math.Max(0, n - 1)], Gen.Char[Letters + "é\u007f\u0001\u200b"])
                .Select((blank, i, c) =>
                {
                    if (n > 0)
                    {
                        blank[i] = c;
                    }

                    return blank;
                }))))
        .Select(c => new string(c));

    [Fact]
    public void IsValidNameAndGap_RandomStrings_MatchReference()
    {
        var blankCount = 0;
        Texts.Sample(s =>
        {
            if (s.Length > 0 && string.IsNullOrWhiteSpace(s))
            {
                Interlocked.Increment(ref blankCount);
            }

            CaseLimits.IsValidName(s).Should().Be(ReferenceText(s, 200), Show(s));
            CaseLimits.IsValidGap(s).Should().Be(ReferenceText(s, 500), Show(s));
        }, iter: 20_000, print: Show);
        blankCount.Should().BeGreaterThan(1_000, "blank strings of every kind are the point");
    }

    [Theory]
    [InlineData("Alex", true, true)] // an ordinary name
    [InlineData("A", true, true)] // one printable character
    [InlineData("  Alex  ", true, true)] // surrounding spaces do not make it blank
    [InlineData("\u00a0Alex", true, true)] // a non-ASCII space first, then a letter
    [InlineData("é", true, true)] // a single non-ASCII letter
    [InlineData("\u007f", false, false)] // DEL is not white space, but shows nothing
    [InlineData("\u0001", false, false)] // nor does SOH
    [InlineData("\u200b", false, false)] // nor the zero-width space
    [InlineData("\u200bA", true, true)] // one visible character is enough
    [InlineData("", false, false)] // empty
    [InlineData(" ", false, false)] // one space
    [InlineData("\t\r\n", false, false)] // ASCII white space
    [InlineData("\u00a0", false, false)] // no-break space
    [InlineData("\u2003\u2003", false, false)] // em spaces
    [InlineData("\u3000", false, false)] // ideographic space
    [InlineData("\u0085", false, false)] // NEL counts as white space
    [InlineData("\u2028 \u2029", false, false)] // line and paragraph separators
    public void IsValidNameAndGap_Examples_Expected(string text, bool name, bool gap)
    {
        CaseLimits.IsValidName(text).Should().Be(name);
        CaseLimits.IsValidGap(text).Should().Be(gap);
    }

    [Theory]
    [InlineData(199, true, true)]
    [InlineData(200, true, true)]
    [InlineData(201, false, true)]
    [InlineData(500, false, true)]
    [InlineData(501, false, false)]
    public void IsValidNameAndGap_Lengths_LimitsHold(int length, bool name, bool gap)
    {
        foreach (var text in new[] { new string('x', length), " " + new string('x', length - 1), "\u00a0" + new string('é', length - 1) })
        {
            CaseLimits.IsValidName(text).Should().Be(name, $"length {length}");
            CaseLimits.IsValidGap(text).Should().Be(gap, $"length {length}");
        }

        CaseLimits.IsValidName(null).Should().BeFalse();
        CaseLimits.IsValidGap(null).Should().BeFalse();
    }
}
