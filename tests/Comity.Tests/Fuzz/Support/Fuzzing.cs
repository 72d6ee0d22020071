using System.Text.Json;
using Comity.Contract;
using Comity.Engine;
using Comity.Tests.Support;
using CsCheck;

namespace Comity.Tests.Fuzz.Support;

/// <summary>
/// Sizes and the shared oracle of the fuzz tests. Each door gets <see cref="PerDoor"/> mutated
/// inputs a run (CsCheck: a new seed each run, printed with any failure to replay it with
/// CsCheck_Seed=...; CsCheck_Iter=N runs N instead).
/// </summary>
public static class Fuzzing
{
    /// <summary>Inputs per door and run: the issue asks for at least 10,000 in CI.</summary>
    public const int PerDoor = 10_000;

    /// <summary>The stacks of the repository, by jurisdiction (us/ca/los-angeles by default), as the CLI and the server find them.</summary>
    public static readonly StackCatalog Stacks = StackCatalog.ForRoot(RepoRoot.Combine("stacks"));

    /// <summary>The library's verdict on a request: its answer as compact JSON, or null when it is refused.</summary>
    public static string? Verdict(byte[] request)
    {
        var read = GuardedRequestReader.Read(request);
        if (!read.Ok)
            return null;
        var engine = Stacks.Find(read.Request!, out _);
        return engine is null ? null : AnswerWriter.ToJson(engine.Decide(read.Request!));
    }

    /// <summary>Runs <paramref name="check"/> on <paramref name="count"/> mutants; a failure shows the input, shrunk.</summary>
    public static void Run(Gen<byte[]> inputs, Action<byte[]> check, int count = PerDoor, int threads = -1) =>
        inputs.Sample(check, iter: Iterations(count), threads: threads, print: Seeds.Show);

    /// <summary><paramref name="count"/>, unless CsCheck_Iter is set (CsCheck then reads it itself).</summary>
    public static int Iterations(int count) => Environment.GetEnvironmentVariable("CsCheck_Iter") is null ? count : -1;

    /// <summary>Every error of a refusal has a JSON path from the root and a message.</summary>
    public static void AssertErrorsNamePaths(JsonElement errors, string context)
    {
        Assert.True(errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0, $"no errors listed: {context}");
        foreach (var e in errors.EnumerateArray())
        {
            Assert.StartsWith("$", e.GetProperty("path").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString()), $"an error without a message: {context}");
        }
    }
}
