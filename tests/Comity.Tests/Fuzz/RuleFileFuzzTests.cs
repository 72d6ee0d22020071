using System.Collections.Concurrent;
using System.Text;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Tests.Fuzz.Support;
using Comity.Tests.Support;
using CsCheck;

namespace Comity.Tests.Fuzz;

/// <summary>
/// The law door: one rule file of a real stack (the demo stack or Los Angeles) mutated, then the
/// stack loaded as check, test, decide and the server load it. It loads, compiles and decides, or
/// it is refused with LawException errors that each name a file, line and column; nothing else
/// is ever thrown, and nothing overflows the stack.
/// </summary>
public sealed class RuleFileFuzzTests
{
    /// <summary>The folders copied for the fuzzer, and the stack in each: Los Angeles reads layers shared by every stack in stacks/us.</summary>
    private static readonly (string Tree, string Stack)[] Stacks = [("stacks/demo", "."), ("stacks/us", "ca/los-angeles")];

    /// <summary>Every rule file of those folders: the folder it is in, and its path inside.</summary>
    private static readonly (int Stack, string File)[] Files = Stacks
        .SelectMany((stack, i) => Directory.GetFiles(RepoRoot.Combine(stack.Tree), "*.law", SearchOption.AllDirectories)
            .Select(f => (i, Path.GetRelativePath(RepoRoot.Combine(stack.Tree), f))))
        .Order().ToArray();

    private static readonly byte[][] Originals = Files.Select(f => File.ReadAllBytes(Path.Combine(RepoRoot.Combine(Stacks[f.Stack].Tree), f.File))).ToArray();

    private static readonly string[] Troublemakers =
    [
        "not ", "(", ")", " and ", " or ", "any conviction (", "any probable-cause-charge (", "within 99999999999 years", "within 0 days",
        "dated before 2025-02-30", "\n  exception to ", "\n  conflicts with fed.status-floor", "\n  effective from 2020-01-01 until 2019-01-01",
        "\"unclosed", "\ntable t.loop\n  title \"T\"\n  cites \"x\"\n  source primary\n  includes t.loop\n", "\nrule dup\n", "#", "§", "rule ", "duty ",
        "risk ", "table ", "\n  when always\n", "\n  effect floor\n", "\n  effect must\n", "class ", "code is \"PC 211\"", "item is ", " is not ",
        " is one of ", ", ", "-1", "\n  binds unit lapd\n", "\n  source tertiary\n", "\n  text \"\"\n",
        new string('(', 1000), string.Concat(Enumerable.Repeat("not ", 1000)), new string('(', 30_000) + "always" + new string(')', 30_000),
    ];

    /// <summary>
    /// A file of the demo stack two times in three, of Los Angeles (or its shared layers) one in three: Los Angeles has
    /// the richer law (tables, "any conviction", look-back windows) but takes far longer to load.
    /// </summary>
    private static readonly TextMutants Mutants = new(Originals, Troublemakers, Gen.Frequency(
        (2, Gen.Int[0, Files.Count(f => f.Stack == 0) - 1]),
        (1, Gen.Int[Files.Count(f => f.Stack == 0), Files.Length - 1])));

    /// <summary>Requests to decide under a stack that loads: the first scenarios' requests.</summary>
    private static readonly DecisionRequest[] Probes = Seeds.Requests.Take(6)
        .Select(r => GuardedRequestReader.Read(Encoding.UTF8.GetBytes(r))).Where(r => r.Ok).Select(r => r.Request! with { Jurisdiction = null }).ToArray();

    [Fact]
    public void Mutated_rule_files_load_and_decide_or_fail_with_law_errors_naming_file_line_and_column()
    {
        var copies = new ConcurrentBag<string>();
        var perThread = new ThreadLocal<string[]>(() =>
        {
            var root = Path.Combine(Path.GetTempPath(), "comity-fuzz", Guid.NewGuid().ToString("N"));
            copies.Add(root);
            return Stacks.Select((stack, i) => Copy(RepoRoot.Combine(stack.Tree), Path.Combine(root, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        });
        var loaded = new int[Stacks.Length];
        try
        {
            Fuzzing.Run(Mutants.Files.Select(f => Pack(f.Seed, f.Text)), packed =>
            {
                var (seed, text) = Unpack(packed);
                var (stack, file) = Files[seed];
                var tree = perThread.Value![stack];
                var path = Path.Combine(tree, file);
                File.WriteAllBytes(path, text);
                try
                {
                    var law = StackLoader.Load(Path.Combine(tree, Stacks[stack].Stack));
                    Interlocked.Increment(ref loaded[stack]);
                    // Compiling emits code for every condition: done for every demo stack that loads
                    // and one Los Angeles stack in sixteen, which keeps the run within its time.
                    if (stack == 0 || text.Length % 16 == 0)
                    {
                        var engine = DecisionEngine.Compile(law);
                        foreach (var request in Probes)
                            Assert.True(Enum.IsDefined(engine.Decide(request).Outcome));
                    }
                }
                catch (LawException e)
                {
                    Assert.NotEmpty(e.Errors);
                    foreach (var error in e.Errors)
                        Assert.True(error.At.File.Length > 0 && error.At.Line >= 1 && error.At.Column >= 1 && error.Message.Length > 0, $"an error without its place: {error}");
                }
                finally
                {
                    File.WriteAllBytes(path, Originals[seed]);
                }
            });
        }
        finally
        {
            perThread.Dispose();
            foreach (var root in copies)
                Directory.Delete(root, recursive: true);
        }
        Assert.True(loaded.All(n => n > 0), $"mutants loaded per stack: {string.Join(", ", loaded)}; the fuzzer never got past the first error of one");
    }

    private static string Copy(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*.law", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    private static byte[] Pack(int seed, byte[] text) => [(byte)seed, .. text];

    private static (int Seed, byte[] Text) Unpack(byte[] packed) => (packed[0], packed[1..]);
}
