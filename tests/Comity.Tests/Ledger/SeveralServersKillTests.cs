using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Ledger;
using Comity.Storage;
using Comity.Tests.Cli.Support;
using Comity.Tests.Support;
using Npgsql;

namespace Comity.Tests.Ledger;

/// <summary>
/// Load and faults of issue 23, at a small size: two real <c>comity serve</c> processes under
/// HTTP load recording decisions into one ledger on a PostgreSQL cluster of the test's own, while one of them is
/// killed with SIGKILL, then the one holding the ledger's lock (the sequencer of that moment),
/// then PostgreSQL itself. After each kill every acknowledged decision is in the ledger with the
/// leaf hash its receipt names, every receipt's checkpoint is consistent with the ledger as it
/// is, the ledger verifies, and no index was acknowledged twice or signed at one size twice.
/// <c>COMITY_KILL_ROUNDS</c> sets the kills of each kind (2 here; bench/sections/ledger-kills runs 20).
/// </summary>
public sealed class SeveralServersKillTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private enum Victim { Server, Sequencer, Postgres }

    private sealed record Acknowledged(string Server, long Index, byte[] LeafHash, Checkpoint Checkpoint);

    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("COMITY_KILL_ROUNDS"), out var n) && n > 0 ? n : 2;

    [Fact]
    public async Task Acknowledged_decisions_survive_SIGKILL_of_a_server_of_the_sequencer_and_of_PostgreSQL()
    {
        using var postgres = PrivatePostgres.Start();
        using var dir = Repo.TempDir();
        string[] folders = [Path.Combine(dir.Path, "server-a"), Path.Combine(dir.Path, "server-b")];
        using (TransparencyLog.Open(Location(postgres, folders[0]))) { }
        var key = NoteVerifier.Parse(File.ReadAllText(Path.Combine(folders[0], "ledger.vkey")));
        // One intake user in the shared case database, its token good on both servers.
        var store = postgres.ConnectionString("comity");
        await Cli(["users", "add", "load", "--role", "intake", "--data", folders[0], "--store", store]);
        var token = (await Cli(["users", "token", "load", "--label", "kill-test", "--data", folders[0], "--store", store])).Stdout.Trim();
        // The second server's folder is a copy of the first's, keys included, as docs/postgres.md deploys them.
        Directory.CreateDirectory(folders[1]);
        foreach (var file in Directory.GetFiles(folders[0]))
            File.Copy(file, Path.Combine(folders[1], Path.GetFileName(file)));

        var acknowledged = new List<Acknowledged>();
        var failedOver = 0;
        var lockHolderSeen = 0;
        var run = 0;
        foreach (var victim in new[] { Victim.Server, Victim.Sequencer, Victim.Postgres })
            for (var round = 0; round < Rounds; round++)
            {
                var before = acknowledged.Count;
                var servers = new List<Server>();
                try
                {
                    // Both start together: a starting server projects into the case database the
                    // entries a killed one recorded but did not project, while the other records.
                    for (var i = 0; i < folders.Length; i++)
                        servers.Add(new Server($"comity-{(char)('a' + i)}-{run++}", folders[i], postgres.ConnectionString("comity", $"comity-{(char)('a' + i)}"), key, token));
                    await Task.WhenAll(servers.Select(s => s.Answering()));
                    foreach (var s in servers)
                        s.Load();
                    await Task.Delay(Random.Shared.Next(300, 1000));
                    switch (victim)
                    {
                        case Victim.Server:
                            var killed = servers[Random.Shared.Next(servers.Count)];
                            killed.Kill();
                            var survivor = servers.Single(s => s != killed);
                            var answered = survivor.Count;
                            await Task.Delay(400);
                            if (survivor.Count > answered)
                                failedOver++;
                            break;
                        case Victim.Sequencer:
                            var holder = await LockHolder(postgres);
                            if (servers.FirstOrDefault(s => holder is not null && holder == s.ApplicationName) is { } sequencer)
                            {
                                lockHolderSeen++;
                                sequencer.Kill();
                            }
                            else
                                servers[0].Kill();
                            await Task.Delay(200);
                            break;
                        case Victim.Postgres:
                            postgres.Kill();
                            await Task.Delay(200);
                            break;
                    }
                }
                finally
                {
                    foreach (var s in servers)
                        s.Kill();
                    foreach (var s in servers)
                        acknowledged.AddRange(await s.Stopped());
                    if (victim == Victim.Postgres)
                        postgres.Restart();
                }
                Check(postgres, folders[0], key, acknowledged, before, $"{victim} kill {round}");
            }

        Assert.All(acknowledged.GroupBy(a => a.Index), g => Assert.True(g.Count() == 1, $"entry {g.Key} was acknowledged {g.Count()} times: sequenced twice"));
        Assert.All(acknowledged.GroupBy(a => a.Checkpoint.Size), g => Assert.True(g.Select(a => a.Checkpoint.Note).Distinct().Count() == 1, $"two checkpoints of size {g.Key} were handed out: signed twice"));
        output.WriteLine($"kills: {Rounds} of a server ({failedOver} with the other answering after it), {Rounds} of the sequencer ({lockHolderSeen} seen holding the lock), {Rounds} of PostgreSQL; {acknowledged.Count} acknowledged decisions, all in the ledger, which verifies");
        Assert.True(failedOver > 0, "after no server kill did the other server go on answering");
    }

    private static async Task<CliRun> Cli(string[] args)
    {
        var run = await ComityCli.RunAsync(args);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    private static StoreLocation Location(PrivatePostgres postgres, string folder) => StoreLocation.Postgres(folder, postgres.ConnectionString("comity"));

    /// <summary>The application name of the session holding the ledger's advisory lock, looked for a few seconds.</summary>
    private static async Task<string?> LockHolder(PrivatePostgres postgres)
    {
        const long id = Comity.Ledger.Internal.PostgresLedgerStore.LockId;
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("comity"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = {(uint)(id >> 32)} AND l.objid = {unchecked((uint)id)} AND l.objsubid = 1
            """, connection);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
            if (await command.ExecuteScalarAsync() is string name)
                return name;
        return null;
    }

    private static void Check(PrivatePostgres postgres, string folder, NoteVerifier key, List<Acknowledged> acknowledged, int from, string when)
    {
        var location = Location(postgres, folder);
        using var log = TransparencyLog.Open(location, new LedgerOptions { ReadOnly = true });
        var latest = log.Checkpoint();
        foreach (var a in acknowledged.Skip(from))
        {
            Assert.True(a.Index < latest.Size, $"{when}: acknowledged entry {a.Index} from {a.Server} is gone (the ledger has {latest.Size})");
            Assert.Equal(a.LeafHash, log.Read(a.Index).LeafHash);
            Assert.True(a.Checkpoint.Size == latest.Size
                ? a.Checkpoint.Note == latest.Note
                : Merkle.VerifyConsistency(a.Checkpoint.Size, latest.Size, a.Checkpoint.RootHash, latest.RootHash, log.ProveConsistency(a.Checkpoint.Size, latest.Size)),
                $"{when}: the checkpoint of size {a.Checkpoint.Size} handed out by {a.Server} is not consistent with the ledger");
        }
        var report = TransparencyLog.Verify(location, key);
        Assert.True(report.Ok, $"{when}: " + string.Join("\n", report.Problems));
    }

    /// <summary>
    /// One server: <c>comity serve</c> on the shared store, loaded by a few clients posting Los
    /// Angeles detainers to <c>POST /api/v1/decisions</c> as fast as it answers; each answer's
    /// receipt is an acknowledgement. A request cut off by a kill, or answered with an error while
    /// PostgreSQL is down, acknowledged nothing.
    /// </summary>
    private sealed class Server
    {
        private const int Clients = 8;
        private static readonly string Request = File.ReadAllText(Path.Combine(Repo.Root, "examples/la/detainer-robbery.json"));

        private readonly Process process;
        private readonly HttpClient http;
        private readonly NoteVerifier key;
        private readonly ConcurrentQueue<Acknowledged> acknowledged = new();
        private readonly CancellationTokenSource stop = new();
        private readonly TaskCompletionSource load = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Task<string[]> output;
        private readonly List<Task> clients = [];
        private int sent;

        public Server(string name, string folder, string store, NoteVerifier key, string token)
        {
            Name = name;
            this.key = key;
            ApplicationName = new NpgsqlConnectionStringBuilder(store).ApplicationName!;
            var url = $"http://127.0.0.1:{FreePort()}";
            process = ComityCli.Start(["serve", "--data", folder, "--store", store, "--urls", url]);
            process.StandardInput.Close();
            output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        public string Name { get; }

        public string ApplicationName { get; }

        public int Count => acknowledged.Count;

        /// <summary>Completes at its first acknowledged answer; fails, with what it said, when none comes in a minute.</summary>
        public async Task Answering()
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                if (await Post())
                    return;
                await Task.Delay(200);
            }
            Kill();
            await process.WaitForExitAsync();
            throw new TimeoutException($"{Name} gave no recorded answer in 60 s: {string.Join("\n", await output)}");
        }

        /// <summary>Loads it with <see cref="Clients"/> clients from now on, until it is killed.</summary>
        public void Load()
        {
            for (var i = 0; i < Clients; i++)
                clients.Add(Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested && !process.HasExited)
                        if (!await Post())
                            await Task.Delay(50);
                }));
        }

        /// <summary>Posts one request; true when it was answered with a receipt (acknowledged).</summary>
        private async Task<bool> Post()
        {
            var request = JsonNode.Parse(Request)!.AsObject();
            request["id"] = $"{Name}-{Interlocked.Increment(ref sent)}";
            try
            {
                using var answer = await http.PostAsync("/api/v1/decisions", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"), stop.Token);
                if (!answer.IsSuccessStatusCode)
                    return false; // not recorded (PostgreSQL is down): not acknowledged
                var receipt = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(stop.Token)).RootElement.GetProperty("receipt");
                acknowledged.Enqueue(new Acknowledged(Name,
                    receipt.GetProperty("index").GetInt64(),
                    Convert.FromBase64String(receipt.GetProperty("leafHash").GetString()!),
                    Checkpoint.Open(receipt.GetProperty("checkpoint").GetString()!, key)));
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
            {
                return false; // cut off by a kill, or not answered in time: never acknowledged
            }
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>SIGKILL: no handler runs, nothing is flushed.</summary>
        public void Kill()
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Gone already.
            }
        }

        public async Task<List<Acknowledged>> Stopped()
        {
            await process.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(clients);
            await output;
            http.Dispose();
            process.Dispose();
            return [.. acknowledged];
        }
    }
}
