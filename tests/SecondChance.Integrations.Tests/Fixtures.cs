using System.Text;

namespace SecondChance.Integrations.Tests;

/// <summary>The delivery fixtures under Fixtures/, read as the raw bytes an ATS sends.</summary>
internal static class Fixtures
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Returns a copy with one byte changed: the tampered delivery.</summary>
    public static byte[] OneByteChanged(byte[] body, int? at = null)
    {
        var copy = (byte[])body.Clone();
        var i = at ?? copy.Length / 2;
        copy[i] = copy[i] == (byte)'x' ? (byte)'y' : (byte)'x';
        return copy;
    }
}
