using System.Diagnostics;
using Comity.Tests.Cli.Support;

namespace Comity.Tests.Ledger;

/// <summary>
/// tools/ledger-interop, built once per test run with Debian's Go and golang.org/x/mod (GOPATH
/// mode, offline). .ci/run installs golang-go and golang-golang-x-mod-dev; without them these
/// tests fail and say so.
/// </summary>
public sealed class GoInterop : IDisposable
{
    private const string GoPath = "/usr/share/gocode";
    private readonly string work = Path.Combine(Path.GetTempPath(), "comity-go-interop-" + Guid.NewGuid().ToString("N")[..8]);

    public GoInterop()
    {
        Directory.CreateDirectory(work);
        Binary = Path.Combine(work, "ledger-interop");
        if (!Directory.Exists(Path.Combine(GoPath, "src", "golang.org", "x", "mod", "sumdb")))
            throw new InvalidOperationException($"golang.org/x/mod is not in {GoPath}: apt-get install golang-go golang-golang-x-mod-dev (.ci/run does)");
        var build = Run("go", ["build", "-o", Binary, Repo.File("tools/ledger-interop/main.go")]);
        if (build.ExitCode != 0)
            throw new InvalidOperationException($"go build of tools/ledger-interop failed:\n{build.Output}");
    }

    public string Binary { get; }

    public (int ExitCode, string Output) Check(params string[] args) => Run(Binary, args);

    private (int ExitCode, string Output) Run(string program, string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
        };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["GO111MODULE"] = "off";
        info.Environment["GOPATH"] = GoPath;
        info.Environment["GOPROXY"] = "off";
        info.Environment["GOFLAGS"] = "";
        info.Environment["GOCACHE"] = Path.Combine(work, "cache");
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} cannot be run ({e.Message}): apt-get install golang-go golang-golang-x-mod-dev (.ci/run does)", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // Go's build cache may still be closing; the system cleans its temporary folder.
        }
    }
}
