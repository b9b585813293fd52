using Microsoft.Extensions.Primitives;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// The <c>return</c> preference of RFC 7240: a client sends <c>Prefer: return=minimal</c> to get a short
/// answer to a write instead of the whole resource. Only that preference is read; any other is ignored,
/// as the RFC asks of preferences a server does not support.
/// </summary>
public static class ReturnPreference
{
    /// <summary>The request header that carries preferences.</summary>
    public const string PreferHeader = "Prefer";

    /// <summary>The response header that says which preferences were honoured.</summary>
    public const string AppliedHeader = "Preference-Applied";

    /// <summary>The preference, as <see cref="AppliedHeader"/> echoes it when it was honoured.</summary>
    public const string Minimal = "return=minimal";

    /// <summary>
    /// Returns whether the <c>Prefer</c> header values ask for <c>return=minimal</c>. Names and values
    /// compare without regard to case, the value may be quoted, whitespace around <c>=</c> is allowed
    /// and parameters after <c>;</c> are ignored. When <c>return</c> is given more than once, the first wins.
    /// </summary>
    public static bool IsMinimal(StringValues prefer)
    {
        foreach (var header in prefer)
        {
            foreach (var preference in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var token = preference.Split(';', 2)[0];
                var equals = token.IndexOf('=', StringComparison.Ordinal);
                var name = (equals < 0 ? token : token[..equals]).Trim();
                if (!name.Equals("return", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var value = equals < 0 ? string.Empty : token[(equals + 1)..].Trim().Trim('"');
                return value.Equals("minimal", StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }
}
