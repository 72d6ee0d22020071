using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;

namespace Comity.Tests.Cli.Support;

/// <summary>The example request, the demo stack and assertions shared by the command-line tests.</summary>
internal static class CliExamples
{
    public const string Example = "examples/notify-release.json";
    public const string Demo = "stacks/demo";

    public static readonly string[] DecideExample = ["decide", Example, "--stack", Demo];

    /// <summary>
    /// The ledger entry of the first decision recorded in an empty ledger with the demo stack: the
    /// law that decided comes first (its five files, then its stack entry; see StackVersionTests).
    /// </summary>
    public const long FirstDecision = 6;

    /// <summary><see cref="FirstDecision"/> + <paramref name="n"/>, as an argument.</summary>
    public static string Decision(int n) => (FirstDecision + n).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The example request as one compact line, with its id replaced.</summary>
    public static string ExampleLine(string? id = null, Action<JsonObject>? change = null)
    {
        var request = JsonNode.Parse(File.ReadAllText(Repo.ExampleRequest))!.AsObject();
        if (id is not null)
            request["id"] = id;
        change?.Invoke(request);
        return request.ToJsonString();
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    public static void AssertExit(int expected, CliRun run) => Assert.True(run.ExitCode == expected, $"expected exit {expected}\n{run}");

    /// <summary>The answer the library gives for the example with the demo stack, written as the command writes it.</summary>
    public static string InProcessAnswer(bool indented)
    {
        var engine = DecisionEngine.Compile(StackLoader.Load(Repo.DemoStack));
        var read = RequestReader.Read(File.ReadAllBytes(Repo.ExampleRequest));
        Assert.True(read.Ok);
        return AnswerWriter.ToJson(engine.Decide(read.Request!), indented);
    }

    /// <summary>Misspells the first "effect deny" of a law file; returns the 1-based line it is on (its value is at column 10).</summary>
    public static int BreakFirstEffect(string lawFile)
    {
        var lines = File.ReadAllLines(lawFile);
        var broken = Array.FindIndex(lines, l => l == "  effect deny");
        Assert.True(broken >= 0, $"{lawFile} has no '  effect deny' line to break");
        lines[broken] = "  effect dney";
        File.WriteAllLines(lawFile, lines);
        return broken + 1;
    }
}
