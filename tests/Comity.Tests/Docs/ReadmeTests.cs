using System.Text.RegularExpressions;
using Comity.Tests.Cli.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Docs;

/// <summary>The README's worked example is real: its command, run for real, prints its text block.</summary>
public partial class ReadmeTests
{
    [Fact]
    public async Task The_worked_example_prints_exactly_what_the_readme_shows()
    {
        var readme = await File.ReadAllTextAsync(RepoRoot.Combine("README.md"));
        var command = CommandLine().Match(readme);
        Assert.True(command.Success, "the README has no 'dotnet run --project src/Comity.Cli -- ...' line");
        var block = FirstTextBlock().Match(readme);
        Assert.True(block.Success, "the README has no ```text block");

        var run = await ComityCli.RunAsync(command.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(block.Groups["text"].Value.TrimEnd(), run.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd());
    }

    [Fact]
    public async Task The_readme_test_command_is_the_one_ci_runs()
    {
        var readme = await File.ReadAllTextAsync(RepoRoot.Combine("README.md"));
        var ci = await File.ReadAllTextAsync(RepoRoot.Combine(".ci/run"));

        Assert.Contains("dotnet test Comity.slnx", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test Comity.slnx", ci, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^dotnet run --project src/Comity\.Cli -- (?<args>[^#\n]+?)\s*(#.*)?$", RegexOptions.Multiline)]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"```text\n(?<text>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FirstTextBlock();
}
