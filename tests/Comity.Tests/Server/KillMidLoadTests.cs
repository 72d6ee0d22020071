using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Comity.Ledger;
using Comity.Tests.Cli.Support;
using Comity.Tests.Server.Support;

namespace Comity.Tests.Server;

/// <summary>
/// Killing the server (SIGKILL) in the middle of a load loses no acknowledged decision: after a
/// restart on the same data folder, every receipt a client received verifies against the ledger's
/// key, the new checkpoint is consistent with the receipt's, the entry is where the receipt says,
/// and its case is there.
/// </summary>
public sealed class KillMidLoadTests
{
    private const int Clients = 16;
    private const int AcknowledgedBeforeKill = 200;

    [Fact]
    public async Task Every_receipt_a_client_received_before_the_kill_verifies_after_restart()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        Assert.Equal(0, (await ComityCli.RunAsync("users", "add", "load", "--role", "intake", "--data", data)).ExitCode);
        var token = (await ComityCli.RunAsync("users", "token", "load", "--label", "kill test", "--data", data)).Stdout.Trim();
        var request = File.ReadAllText(Repo.File("examples/la/detainer-robbery.json"));
        var url = $"http://127.0.0.1:{FreePort()}";
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var acknowledged = new ConcurrentBag<(long CaseId, string Receipt)>();
        var server = await Serve(data, url, http);
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var response = await http.PostAsync("/api/v1/decisions", ServerFixture.Json(request));
                    if (response.StatusCode != HttpStatusCode.Created)
                        continue;
                    using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    var id = long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
                    acknowledged.Add((id, answer.RootElement.GetProperty("receipt").GetRawText()));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    return; // the server is gone
                }
            }
        })).ToArray();

        var deadline = Stopwatch.StartNew();
        while (acknowledged.Count < AcknowledgedBeforeKill && deadline.Elapsed < TimeSpan.FromMinutes(2))
            await Task.Delay(20);
        server.Kill(entireProcessTree: true); // SIGKILL, with requests in flight
        await server.WaitForExitAsync();
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var received = acknowledged.ToArray();
        Assert.True(received.Length >= AcknowledgedBeforeKill, $"only {received.Length} decisions were acknowledged before the kill");

        server = await Serve(data, url, http);
        try
        {
            var key = NoteVerifier.Parse(File.ReadAllText(Path.Combine(data, "ledger.vkey")).Trim());
            var latest = Checkpoint.Open(await http.GetStringAsync("/api/v1/ledger/checkpoint"), key);
            var failures = new List<string>();
            foreach (var (caseId, receiptJson) in received)
            {
                using var receipt = JsonDocument.Parse(receiptJson);
                var index = receipt.RootElement.GetProperty("index").GetInt64();
                var leaf = receipt.RootElement.GetProperty("leafHash").GetBytesFromBase64();
                var then = TlogProof.Parse(receipt.RootElement.GetProperty("proof").GetString()!).Verify(key, leaf);
                using var consistency = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/ledger/consistency?from={then.Size}&to={latest.Size}"));
                var proof = consistency.RootElement.GetProperty("proof").EnumerateArray().Select(h => h.GetBytesFromBase64()).ToArray();
                if (!Merkle.VerifyConsistency(then.Size, latest.Size, then.RootHash, latest.RootHash, proof))
                    failures.Add($"entry {index}: checkpoint {then.Size} is not consistent with {latest.Size} after restart");
                using var inclusion = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/ledger/entries/{index}/inclusion"));
                if (!inclusion.RootElement.GetProperty("leafHash").GetBytesFromBase64().AsSpan().SequenceEqual(leaf))
                    failures.Add($"entry {index}: the ledger holds another leaf there after restart");
                using var view = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/cases/{caseId}"));
                if (view.RootElement.GetProperty("case").GetProperty("ledgerIndex").GetInt64() != index)
                    failures.Add($"case {caseId}: no longer stands for entry {index}");
            }
            Assert.Empty(failures);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<Process> Serve(string data, string url, HttpClient http)
    {
        var process = ComityCli.Start(["serve", "--data", data, "--urls", url, "--stacks", Repo.File("stacks")]);
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"comity serve exited with {process.ExitCode}: {await errors}");
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                    return process;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("comity serve did not answer /healthz within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
