using System.Diagnostics;
using System.Text;

namespace Comity.Tests.Cli.Support;

/// <summary>What one run of the real <c>comity</c> process did.</summary>
public sealed record CliRun(int ExitCode, byte[] StdoutBytes, string Stderr)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Standard output decoded as strict UTF-8 (invalid bytes throw).</summary>
    public string Stdout => Utf8.GetString(StdoutBytes);

    /// <summary>The lines of standard output, each without its '\n'; no empty last line for a final newline.</summary>
    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            var text = Stdout;
            if (text.Length == 0)
                return [];
            var lines = text.Split('\n');
            return text.EndsWith('\n') ? lines[..^1] : lines;
        }
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the built command as a real process (<c>dotnet comity.dll ...</c>) in the repository root,
/// with standard input, output and error redirected and a time limit.
/// </summary>
public static class ComityCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Starts the process; the caller owns it and its three streams.</summary>
    public static Process Start(IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory ?? Repo.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        info.ArgumentList.Add(Repo.ComityDll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        // The default --stacks root comes from this variable; the tests name their stacks themselves.
        info.Environment.Remove("COMITY_STACKS");
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(args, stdin: (byte[]?)null);

    public static Task<CliRun> RunAsync(string[] args, string stdin) => RunAsync(args, Utf8.GetBytes(stdin));

    /// <summary>Runs to completion: feeds <paramref name="stdin"/> (then closes it), collects everything written.</summary>
    public static async Task<CliRun> RunAsync(string[] args, byte[]? stdin, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        using var process = Start(args, workingDirectory);
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var stdout = ReadAllAsync(process.StandardOutput.BaseStream, cts.Token);
        var stderr = ReadAllAsync(process.StandardError.BaseStream, cts.Token);
        var feed = FeedAsync(process.StandardInput.BaseStream, stdin ?? [], cts.Token);
        try
        {
            await Task.WhenAll(stdout, stderr, feed, process.WaitForExitAsync(cts.Token));
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw new TimeoutException($"comity {string.Join(' ', args)} did not finish within {timeout ?? DefaultTimeout}");
        }
        return new CliRun(process.ExitCode, await stdout, Utf8.GetString(await stderr));
    }

    /// <summary>Ends a process this helper started, and its children.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancel);
        return buffer.ToArray();
    }

    private static async Task FeedAsync(Stream stdin, byte[] bytes, CancellationToken cancel)
    {
        try
        {
            await stdin.WriteAsync(bytes, cancel);
            await stdin.FlushAsync(cancel);
        }
        catch (IOException)
        {
            // The command finished without reading all of its input (--help, a parse error): not a failure here.
        }
        finally
        {
            try
            {
                stdin.Close();
            }
            catch (IOException)
            {
                // Same: the reading end is already gone.
            }
        }
    }

    /// <summary>The dotnet host running these tests, so the command runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
            return host;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return self;
        return "dotnet";
    }
}
