using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Comity.Cases;
using Comity.Tests.Server.Support;

namespace Comity.Tests.Server;

/// <summary>Test classes whose measurements other tests running beside them would disturb.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "runs alone";
}

/// <summary>
/// POST /api/v1/disclosures with an upload far larger than what the server may hold: it streams
/// through. Run alone, so that the live memory measured is this upload's and no other test's.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class DisclosureUploadMemoryTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task An_upload_of_hundreds_of_megabytes_streams_through_in_bounded_memory()
    {
        const long Megabytes = 256;
        var export = new GeneratedBookings(Megabytes * 1_000_000);
        var upload = ServerFixture.DisclosureUpload(
            """{"receivedAt":"2025-06-02","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"california-agency"},"act":"bulk-disclose","purpose":"criminal","document":{"type":"court-order"},"data":["criminal-history"]}""",
            export, "big.csv");
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        // Live memory only: each sample collects first, so garbage the pipeline has already let go
        // of (its 1 MiB chunks) does not count, and what is held does.
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(50);
            }
        });
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/disclosures", upload);
        await sampling.CancelAsync();
        await sampler;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        using var manifest = JsonDocument.Parse(text);
        Assert.Equal(export.Length, manifest.RootElement.GetProperty("input").GetProperty("bytes").GetInt64());
        Assert.Equal(export.Rows, manifest.RootElement.GetProperty("output").GetProperty("rows").GetInt64());
        Assert.Equal(export.Sha256(), manifest.RootElement.GetProperty("input").GetProperty("sha256").GetString());
        // The whole upload held anywhere would add 256 MB; the cut's window is 1 MiB.
        Assert.True(peak - baseline < 64_000_000, $"managed memory grew by {(peak - baseline) / 1_000_000} MB while streaming {Megabytes} MB");
    }

    /// <summary>A CSV export of about <c>bytes</c> bytes, made as it is sent (never held whole), and its SHA-256 computed on the way.</summary>
    private sealed class GeneratedBookings(long bytes) : HttpContent
    {
        private static readonly byte[] Header = "booking_number,cii_number,charge_code,last_name,ssn\n"u8.ToArray();
        private static readonly byte[] Row = "B000000001,A1234567,PC 459,\"Doe, Jr.\",123-45-6789\n"u8.ToArray();
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long Rows { get; } = (bytes - Header.Length) / Row.Length;
        public long Length => Header.Length + Rows * Row.Length;

        public string Sha256() => Convert.ToHexStringLower(_hash.GetCurrentHash());

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            Headers.ContentType ??= new MediaTypeHeaderValue("text/csv");
            var chunk = new byte[(1 << 20) / Row.Length * Row.Length];
            for (var at = 0; at < chunk.Length; at += Row.Length)
                Row.CopyTo(chunk, at);
            await Send(stream, Header);
            for (var left = Rows * Row.Length; left > 0; left -= chunk.Length)
                await Send(stream, chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
        }

        private async Task Send(Stream stream, ReadOnlyMemory<byte> bytes)
        {
            _hash.AppendData(bytes.Span);
            await stream.WriteAsync(bytes);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false; // sent chunked, as a stream of unknown length
        }
    }
}
