using System.Text;
using System.Text.Json.Nodes;
using Comity.Tests.Cli.Support;
using Comity.Tests.Recording.Support;

namespace Comity.Tests.Recording;

/// <summary>Contract 1.1's <c>subject.identity</c> never reaches the ledger in clear: not its entries, tiles or checkpoints.</summary>
public sealed class SubjectIdentityTests
{
    private const string Name = "Maria Exemplar-Sanchez";

    [Fact]
    public async Task A_named_person_is_in_no_ledger_entry_tile_or_checkpoint()
    {
        using var site = new RecordingSite();
        var line = CliExamples.ExampleLine("NAMED", r => r["subject"]!["identity"] = new JsonObject { ["name"] = Name, ["bookingNumber"] = "BK-99812345" });

        var recorded = await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes(line), "clerk");

        Assert.Null(recorded.Error);
        var entry = site.Ledger.Read(recorded.Value!.Receipt.Index);
        Assert.False(entry.Body.GetProperty("request").GetProperty("subject").TryGetProperty("identity", out _));
        Assert.Equal("NAMED", entry.Body.GetProperty("request").GetProperty("id").GetString());
        Assert.DoesNotContain(Name, Encoding.UTF8.GetString(entry.Canonical), StringComparison.Ordinal);
        Assert.DoesNotContain(Name, Encoding.UTF8.GetString(recorded.Value.Sent()), StringComparison.Ordinal);
        Assert.DoesNotContain(Name, site.Ledger.Checkpoint().Note, StringComparison.Ordinal);

        using var tiles = Repo.TempDir();
        site.Ledger.ExportTiles(tiles.Path);
        var files = Directory.GetFiles(tiles.Path, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Name)) < 0, $"{file} holds the name");
            Assert.True(bytes.AsSpan().IndexOf("BK-99812345"u8) < 0, $"{file} holds the booking number");
        }
    }
}
