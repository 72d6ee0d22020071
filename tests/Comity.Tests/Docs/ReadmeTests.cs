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
    public void The_readme_shows_at_least_three_examples()
    {
        Assert.True(Example().Matches(Readme).Count >= 3);
    }

    [Fact]
    public async Task The_readme_main_command_starts_the_server_with_a_first_administrator()
    {
        var main = MainCommand().Match(Readme);
        Assert.True(main.Success, "the README's two commands do not start with 'dotnet run --project src/Comity.Cli -- ...'");
        Assert.Equal("serve", main.Groups["args"].Value.Trim());

        using var dir = Repo.TempDir();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        // The README's command, run where the README runs it, with the data folder and address of this test.
        using var server = ComityCli.Start(["serve", "--data", Path.Combine(dir.Path, "data"), "--urls", url]);
        try
        {
            var printed = new System.Text.StringBuilder();
            string? line;
            while ((line = await server.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("Comity is serving on", StringComparison.Ordinal))
                printed.AppendLine(line);
            Assert.Equal($"Comity is serving on {url} (data: {Path.Combine(dir.Path, "data")}). Stop with Ctrl+C.", line);
            Assert.Matches(@"user name:  admin\s+password:   [a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", printed.ToString());
            using var http = new HttpClient();
            var signIn = await http.GetAsync(url + "/signin");
            Assert.Equal(System.Net.HttpStatusCode.OK, signIn.StatusCode);
        }
        finally
        {
            ComityCli.Kill(server);
        }
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
