namespace SecondChance.Samples.Cli;

/// <summary>
/// Replaces a file's whole content so that a reader, or the file after a crash, sees either the old
/// content or the new one, never half of it: the text goes to a temporary file in the same folder,
/// is flushed to disk, and is then renamed over the target.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="text">The new content.</param>
    /// <param name="beforeRename">Called after the temporary file is written and before it replaces the target (tests use it to fail there).</param>
    /// <exception cref="IOException">The folder is missing or the file cannot be written; the target is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file is not writable; the target is unchanged.</exception>
    public static void Write(string path, string text, Action? beforeRename = null)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            beforeRename?.Invoke();
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
