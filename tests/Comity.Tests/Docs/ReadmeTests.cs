using System.Text.RegularExpressions;
using Comity.Tests.Cli.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Docs;

/// <summary>
/// The README's examples are real: each ```sh block holding one comity command, followed by a
/// ```text block, is run for real and must print exactly that text.
/// </summary>
public partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepoRoot.Combine("README.md"));

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (Match m in Example().Matches(Readme))
            data.Add(m.Groups["args"].Value);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_prints_exactly_what_the_readme_shows(string args)
    {
        var expected = Example().Matches(Readme).Single(m => m.Groups["args"].Value == args).Groups["text"].Value;

        var run = await ComityCli.RunAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected.TrimEnd(), run.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd());
    }

    [Fact]
    public void The_readme_shows_at_least_three_examples_and_its_main_command_is_one_of_them()
    {
        var main = MainCommand().Match(Readme);

        Assert.True(Example().Matches(Readme).Count >= 3);
        Assert.True(main.Success, "the README's two commands do not start with 'dotnet run --project src/Comity.Cli -- ...'");
        Assert.Contains(main.Groups["args"].Value.Trim(), Example().Matches(Readme).Select(m => m.Groups["args"].Value));
    }

    [Fact]
    public async Task The_readme_test_command_is_the_one_ci_runs()
    {
        var ci = await File.ReadAllTextAsync(RepoRoot.Combine(".ci/run"));

        Assert.Contains("\ndotnet test Comity.slnx ", Readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test Comity.slnx", ci, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"```sh\ndotnet run --project src/Comity\.Cli -- (?<args>[^\n#]+)\n```\n\n```text\n(?<text>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();

    [GeneratedRegex(@"## Two commands.*?```sh\ndotnet run --project src/Comity\.Cli -- (?<args>[^#\n]+?)\s+#", RegexOptions.Singleline)]
    private static partial Regex MainCommand();
}
