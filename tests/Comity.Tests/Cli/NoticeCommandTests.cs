using Comity.Tests.Cli.Support;
using Comity.Tests.Notices;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Cli;

/// <summary>
/// <c>comity notice</c>: the notices of a case recorded by <c>comity decide --record</c>, listed and
/// printed from the data folder, each printing a ledger entry; bad input is exit 2 naming what is wrong.
/// </summary>
public sealed class NoticeCommandTests
{
    [Fact]
    public async Task A_recorded_case_lists_its_notices_and_prints_one_in_the_language_asked()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        AssertExit(0, await ComityCli.RunAsync(["decide", "examples/la/detainer-served.json", "--record", "--data", data]));

        var list = await ComityCli.RunAsync(["notice", "1", "--data", data]);
        AssertExit(0, list);
        Assert.Contains("request-notice", list.Stdout);
        Assert.Contains("decision-copy", list.Stdout);
        Assert.Contains("es (unreviewed, English beside)", list.Stdout);

        var file = Path.Combine(dir.Path, "notice.pdf");
        var printed = await ComityCli.RunAsync(["notice", "1", "request-notice", "--language", "vi", "--data", data, "--out", file, "--by", "Officer Diaz"]);
        AssertExit(0, printed);
        var index = System.Text.RegularExpressions.Regex.Match(printed.Stdout, "recorded as ledger entry ([0-9]+)").Groups[1].Value;
        Assert.NotEqual("", index);
        var text = NoticeDocumentTests.PdfText(File.ReadAllBytes(file));
        Assert.Contains("2025-06-02", text);
        Assert.Contains(NoticeDocumentTests.Squeeze("Không. Chúng tôi không có ý định tuân theo yêu cầu."), text);

        var entry = await ComityCli.RunAsync(["ledger", "entry", index, "--data", data]);
        Assert.Contains("\"kind\":\"notice\"", entry.Stdout);
        Assert.Contains("\"language\":\"vi\"", entry.Stdout);
        Assert.Contains("\"recordedBy\":\"Officer Diaz\"", entry.Stdout);
    }

    [Theory]
    [InlineData(new[] { "notice", "1", "release-notice", "--out", "x.pdf" }, "does not call for the notice \"release-notice\"")]
    [InlineData(new[] { "notice", "1", "request-notice", "--language", "fr", "--out", "x.pdf" }, "has no template in \"fr\"")]
    [InlineData(new[] { "notice", "1", "request-notice" }, "--out FILE")]
    [InlineData(new[] { "notice", "1", "request-notice", "--format", "docx", "--out", "x.pdf" }, "expected pdf or html")]
    [InlineData(new[] { "notice", "7" }, "there is no case 7")]
    public async Task Bad_input_is_exit_2_naming_what_is_wrong(string[] args, string message)
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        AssertExit(0, await ComityCli.RunAsync(["decide", "examples/la/detainer-served.json", "--record", "--data", data]));
        var run = await ComityCli.RunAsync([.. args.Select(a => a == "x.pdf" ? Path.Combine(dir.Path, a) : a), "--data", data]);
        AssertExit(2, run);
        Assert.Contains(message, run.Stderr);
        Assert.Equal("", run.Stdout);
    }
}
