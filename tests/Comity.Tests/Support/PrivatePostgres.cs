using System.Diagnostics;
using Npgsql;

namespace Comity.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of a test's own, to kill: initdb and pg_ctl from Debian's package
/// (<c>/usr/lib/postgresql/N/bin</c>), run as the <c>postgres</c> account with <c>runuser</c>, in a
/// temporary folder that account owns, listening only on a Unix socket in that folder, so killing
/// it never touches the shared server the other tests use. Needs root and the <c>postgresql</c>
/// package (<c>tools/postgres-for-tests</c> installs it); without them the test fails, saying so.
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    private readonly string bin;
    private readonly int port;

    private PrivatePostgres(string bin, string folder, int port)
    {
        this.bin = bin;
        Folder = folder;
        this.port = port;
    }

    /// <summary>The folder holding the cluster (<c>data</c>), its socket and its log.</summary>
    public string Folder { get; }

    private string Data => Path.Combine(Folder, "data");

    /// <summary>A connection string to <paramref name="database"/> as the superuser, over the socket.</summary>
    public string ConnectionString(string database, string? applicationName = null) =>
        new NpgsqlConnectionStringBuilder { Host = Folder, Port = port, Username = "postgres", Database = database, ApplicationName = applicationName, Timeout = 5 }.ConnectionString;

    public static PrivatePostgres Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderBy(b => b, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException("PostgreSQL's initdb is not installed (/usr/lib/postgresql/N/bin): run tools/postgres-for-tests, which installs Debian's postgresql");
        if (Environment.UserName != "root")
            throw new InvalidOperationException("a private PostgreSQL cluster is started as the postgres account with runuser, which needs root");
        var folder = Directory.CreateTempSubdirectory("comity-private-pg-").FullName;
        Run("chown", ["postgres", folder]);
        var cluster = new PrivatePostgres(bin, folder, Random.Shared.Next(20000, 30000));
        try
        {
            cluster.AsPostgres(Path.Combine(bin, "initdb"), "-D", cluster.Data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
            cluster.Restart();
            using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
            connection.Open();
            using var create = new NpgsqlCommand("CREATE DATABASE comity", connection);
            create.ExecuteNonQuery();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Starts the cluster (after a kill: crash recovery) and waits until it takes connections.</summary>
    public void Restart() =>
        AsPostgres(Path.Combine(bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(Folder, "log"), "-w", "-t", "60",
            "-o", $"-k {Folder} -p {port} -c listen_addresses='' -c max_connections=100", "start");

    /// <summary>SIGKILL to the postmaster and every process of the cluster, as an out-of-memory killer or a power cut would stop it.</summary>
    public void Kill()
    {
        var pidFile = Path.Combine(Data, "postmaster.pid");
        if (!File.Exists(pidFile))
            return;
        var postmaster = int.Parse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture);
        var children = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == postmaster)
            .ToList();
        foreach (var pid in children.Prepend(postmaster))
            Run("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], check: false);
        // Wait for the processes to go, so the restart finds the shared memory free.
        for (var i = 0; i < 100 && children.Prepend(postmaster).Any(pid => Directory.Exists($"/proc/{pid}")); i++)
            Thread.Sleep(50);
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private void AsPostgres(params string[] command) => Run("runuser", ["-u", "postgres", "--", .. command]);

    private static void Run(string file, string[] arguments, bool check = true)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Result}{output.Result}");
    }

    public void Dispose()
    {
        try
        {
            AsPostgres(Path.Combine(bin, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            Kill();
        }
        NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
