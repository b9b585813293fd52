namespace SecondChance.Samples.Web.Tests.Support;

public static class TempDirectory
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "secondchance-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes the folder and the PostgreSQL database named after it, if a test made one.</summary>
    public static void Delete(string path)
    {
        TestPostgres.DropFor(path);
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may still hold the file for a moment; the OS temp folder is cleaned anyway.
        }
    }
}
