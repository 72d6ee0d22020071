namespace Comity.Tests.Ledger;

/// <summary>A fresh folder under the system's temporary folder, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "comity-ledger-" + Guid.NewGuid().ToString("N")[..12]);

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a child process may still hold a file for a moment; the system cleans its temporary folder
        }
    }
}
