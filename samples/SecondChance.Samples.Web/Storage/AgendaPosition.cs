using System.Buffers.Text;
using System.Text;

namespace SecondChance.Samples.Web.Storage;

/// <summary>A place in agenda order (due date, then id); an agenda page starts after one. Clients see it only as an opaque cursor.</summary>
public sealed record AgendaPosition(string NextDue, string Id)
{
    private const char Separator = '\n';

    /// <summary>Encodes this position as a URL-safe cursor.</summary>
    public string ToCursor() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(NextDue + Separator + Id));

    /// <summary>Decodes a cursor made by <see cref="ToCursor"/>; <see langword="null"/> when it is not one.</summary>
    public static AgendaPosition? FromCursor(string cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 400)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var split = text.IndexOf(Separator, StringComparison.Ordinal);
        return split == 10 && split < text.Length - 1
            && NodaTime.Text.LocalDatePattern.Iso.Parse(text[..split]).Success
            ? new AgendaPosition(text[..split], text[(split + 1)..])
            : null;
    }
}
