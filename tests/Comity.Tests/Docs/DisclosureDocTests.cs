using System.Text.RegularExpressions;
using Comity.Tests.Cli.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Docs;

/// <summary>
/// docs/disclosure.md's example is real: its comity redact command, run with the cut and the ledger
/// in a temporary folder, prints exactly the text block after it and writes exactly the csv block.
/// </summary>
public partial class DisclosureDocTests
{
    [Fact]
    public async Task The_example_prints_and_writes_exactly_what_the_page_shows()
    {
        var page = File.ReadAllText(RepoRoot.Combine("docs/disclosure.md"));
        var example = Example().Match(page);
        Assert.True(example.Success, "docs/disclosure.md has no ```sh comity redact block followed by ```text and ```csv blocks");
        using var dir = Repo.TempDir();
        var cut = Path.Combine(dir.Path, "cut.csv");
        var args = example.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a == "cut.csv" ? cut : a)
            .Concat(["--data", Path.Combine(dir.Path, "data")])
            .ToArray();

        var run = await ComityCli.RunAsync(args);

        Assert.Equal(0, run.ExitCode);
        var printed = (run.Stdout + run.Stderr).Replace(cut, "cut.csv", StringComparison.Ordinal);
        Assert.Equal(example.Groups["text"].Value.TrimEnd(), printed.TrimEnd());
        Assert.Equal(example.Groups["csv"].Value, File.ReadAllText(cut));
    }

    [GeneratedRegex(@"```sh\ncomity (?<args>redact [^\n]+)\n```\n\n```text\n(?<text>.*?)```.*?```csv\n(?<csv>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();
}
