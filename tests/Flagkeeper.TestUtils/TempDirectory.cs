using System.Text;

namespace Flagkeeper.TestUtils;

/// <summary>A fresh folder under the system temp path, deleted when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>The folder every temp folder is made in.</summary>
    public static string Base { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flagkeeper-tests");

    public TempDirectory()
    {
        Path = System.IO.Path.Combine(Base, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a file (creating folders), as UTF-8 without a byte order mark; returns its full path.</summary>
    public string Write(string relative, string content)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, new UTF8Encoding(false));
        return full;
    }

    public string WriteBytes(string relative, byte[] content)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public string Read(string relative) => File.ReadAllText(this[relative]);

    public byte[] ReadBytes(string relative) => File.ReadAllBytes(this[relative]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test that left a file open on a slow machine: the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
