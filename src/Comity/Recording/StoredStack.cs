using Comity.Law;
using Comity.Ledger;

namespace Comity.Recording;

/// <summary>One file of a stack version read back from the ledger: its name as the digest reads it, its path from the stack's folder, its bytes.</summary>
public sealed record StoredStackFile(string Name, string Path, byte[] Bytes);

/// <summary>
/// A stack version as the ledger keeps it (<see cref="StackVersions"/>): recorded in entry
/// <see cref="Entry"/>, with every file it was read from, byte for byte.
/// </summary>
public sealed record StoredStack(long Entry, string Digest, string Id, IReadOnlyList<StoredStackFile> Files)
{
    /// <summary>
    /// Writes the stack's files under <paramref name="directory"/> and returns the stack's folder.
    /// The stack goes in the folder its id names (<c>us/ca/los-angeles</c>), so that layers it reads
    /// from beside it (<c>../../federal</c>) land where its <c>stack.law</c> looks for them, as in a
    /// stacks tree; nothing is written outside <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="LedgerException">when a recorded path would leave the folder, or two files would share one.</exception>
    public string WriteTo(string directory)
    {
        var root = Path.GetFullPath(directory);
        var up = Files.Max(f => Ups(f.Path));
        var segments = Id.Split('/').Where(s => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && s is not ("." or "..")).ToList();
        if (segments.Count != Id.Split('/').Length)
            segments = ["stack"];
        while (segments.Count < up)
            segments.Insert(0, "stack");
        var stackFolder = Path.Combine([root, .. segments]);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            var target = Path.GetFullPath(Path.Combine(stackFolder, file.Path.Replace('/', Path.DirectorySeparatorChar)));
            if (Path.IsPathRooted(file.Path) || file.Path.Contains('\\') || !target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new LedgerException($"the stack in entry {Entry} names a file at \"{file.Path}\", outside any folder it can be written to");
            if (!written.Add(target))
                throw new LedgerException($"the stack in entry {Entry} names two files at \"{file.Path}\"");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, file.Bytes);
        }
        return stackFolder;
    }

    /// <summary>
    /// The stack, loaded from its recorded files (written to a temporary folder, read by
    /// <see cref="StackLoader"/>, removed), after checking that it is the version its digest names.
    /// </summary>
    /// <exception cref="LedgerException">when the files do not load, or load to another digest.</exception>
    public Stack Load()
    {
        var temp = Path.Combine(Path.GetTempPath(), "comity-stack-" + Guid.NewGuid().ToString("N"));
        try
        {
            Stack stack;
            try
            {
                stack = StackLoader.Load(WriteTo(temp));
            }
            catch (LawException e)
            {
                throw new LedgerException($"the stack recorded in entry {Entry} ({Digest}) does not load: {e.Errors[0].Message}", e);
            }
            if (stack.Digest != Digest)
                throw new LedgerException($"the stack recorded in entry {Entry} loads to digest {stack.Digest}, not the {Digest} it was recorded under: its files were altered");
            return stack;
        }
        finally
        {
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless; the answer is not.
            }
        }
    }

    /// <summary>How many folders above its own a path climbs (../../federal/x.law: 2).</summary>
    private static int Ups(string path)
    {
        int depth = 0, lowest = 0;
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
                lowest = Math.Min(lowest, --depth);
            else if (segment is not ("." or ""))
                depth++;
        }
        return -lowest;
    }
}
