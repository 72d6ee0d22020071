using Comity.Tests.Support;

namespace Comity.Tests.Law;

/// <summary>
/// Executes docs/law-language.md: every <c>law</c> block loads as the only file (example.law) of a
/// one-layer stack; every <c>law-invalid</c> block is refused with exactly the error of the
/// <c>text</c> block after it; every <c>law-stack</c> block loads as a stack.law.
/// </summary>
public class LawLanguageDocTests
{
    private const string ExampleLayer = "example";
    private const string ExampleFile = "example.law";

    /// <summary>A fenced block of the document: its info string, the line of its opening fence, its text.</summary>
    public sealed record DocBlock(string Kind, int Line, string Text);

    private static readonly Lazy<IReadOnlyList<DocBlock>> Blocks = new(() => ReadBlocks(File.ReadAllLines(DocPath())));

    public static TheoryData<int> LawBlocks => Lines("law");

    public static TheoryData<int> InvalidBlocks => Lines("law-invalid");

    public static TheoryData<int> StackBlocks => Lines("law-stack");

    [Fact]
    public void Document_has_law_invalid_and_stack_examples_to_execute()
    {
        Assert.True(Blocks.Value.Count(b => b.Kind == "law") >= 4, "expected at least 4 law blocks");
        Assert.True(Blocks.Value.Count(b => b.Kind == "law-invalid") >= 3, "expected at least 3 law-invalid blocks");
        Assert.True(Blocks.Value.Count(b => b.Kind == "law-stack") >= 1, "expected at least 1 law-stack block");
    }

    [Fact]
    public void Every_law_invalid_block_is_followed_by_a_one_line_text_block()
    {
        var blocks = Blocks.Value;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Kind != "law-invalid")
                continue;
            Assert.True(i + 1 < blocks.Count && blocks[i + 1].Kind == "text",
                $"the law-invalid block at line {blocks[i].Line} is not followed by a text block");
            Assert.Single(blocks[i + 1].Text.Trim().Split('\n'));
        }
    }

    [Theory]
    [MemberData(nameof(LawBlocks))]
    public void Law_block_loads_as_the_only_file_of_a_one_layer_stack(int line)
    {
        var block = Block(line);
        using var stack = TempStack.Files(("stack.law", TempStack.StackLaw(ExampleLayer)), ($"{ExampleLayer}/{ExampleFile}", block.Text));

        var loaded = Load(stack, block);

        Assert.NotEmpty(loaded.Provisions.Cast<object>().Concat(loaded.Tables));
        // And it compiles for deciding.
        Comity.Engine.DecisionEngine.Compile(loaded);
    }

    [Theory]
    [MemberData(nameof(InvalidBlocks))]
    public void Law_invalid_block_fails_with_exactly_the_error_shown(int line)
    {
        var block = Block(line);
        var blocks = Blocks.Value.ToList();
        var next = blocks[blocks.IndexOf(block) + 1];
        Assert.Equal("text", next.Kind);
        using var stack = TempStack.Files(("stack.law", TempStack.StackLaw(ExampleLayer)), ($"{ExampleLayer}/{ExampleFile}", block.Text));

        var errors = stack.Errors().Select(e => $"{Path.GetFileName(e.At.File)}:{e.At.Line}:{e.At.Column}: {e.Message}").ToList();

        Assert.Equal([next.Text.Trim()], errors);
    }

    [Theory]
    [MemberData(nameof(StackBlocks))]
    public void Law_stack_block_loads_as_a_stack_law(int line)
    {
        var block = Block(line);
        var layers = LayerNames(block.Text);
        Assert.NotEmpty(layers);
        // The stack folder sits three folders deep, so that a layer read "from" a folder above it
        // ("../../federal") still lands inside the temporary folder.
        const string StackDir = "stacks/us/example";
        var shared = SharedFolders(block.Text);
        var files = new List<(string, string)> { ($"{StackDir}/stack.law", block.Text) };
        files.AddRange(layers.Select(l => (
            shared.TryGetValue(l, out var from) ? Path.GetRelativePath(".", Path.Combine(StackDir, from, "rules.law")).Replace('\\', '/') : $"{StackDir}/{l}/rules.law",
            LawText.Rule($"{l}.trivial", "permit"))));
        using var root = TempStack.Files([.. files]);

        Comity.Law.Stack loaded;
        try
        {
            loaded = Comity.Law.StackLoader.Load(Path.Combine(root.Root, StackDir));
        }
        catch (Comity.Law.LawException e)
        {
            Assert.Fail($"the block at docs/law-language.md line {block.Line} does not load:\n{string.Join("\n", e.Errors.Select(root.Relative))}");
            throw;
        }

        Assert.Equal(layers, loaded.Layers.Select(l => l.Name));
        Assert.False(string.IsNullOrWhiteSpace(loaded.Id));
        Assert.False(string.IsNullOrWhiteSpace(loaded.Title));
    }

    public static TheoryData<int> DecisionBlocks => Lines("decisions");

    /// <summary>
    /// A <c>decisions</c> block decides requests with the <c>law</c> block before it, as the only
    /// layer of a stack: each line is a request (merged into the tests' template request) and
    /// <c>=&gt;</c> the outcome, with the layer's possible outcomes in parentheses when it refers.
    /// </summary>
    [Theory]
    [MemberData(nameof(DecisionBlocks))]
    public void Decisions_block_is_what_the_law_block_before_it_decides(int line)
    {
        var blocks = Blocks.Value.ToList();
        var block = Block(line);
        var law = blocks.Take(blocks.IndexOf(block)).Last(b => b.Kind == "law");
        using var stack = TempStack.Files(("stack.law", TempStack.StackLaw(ExampleLayer)), ($"{ExampleLayer}/{ExampleFile}", law.Text));
        var engine = Comity.Engine.DecisionEngine.Compile(Load(stack, law));

        foreach (var row in block.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = row.Split("=>", StringSplitOptions.TrimEntries);
            var expected = parts[1].Split('(', StringSplitOptions.TrimEntries);
            var answer = engine.Decide(Req.With(parts[0]));

            Assert.True(expected[0] == Comity.Contract.Vocabularies.Outcomes.Name(answer.Outcome), $"{row}: the engine answers {Comity.Contract.Vocabularies.Outcomes.Name(answer.Outcome)}");
            var possible = expected.Length > 1 ? expected[1].TrimEnd(')').Split(',', StringSplitOptions.TrimEntries) : [];
            Assert.Equal(possible, answer.Layers.Single().Possible.Select(Comity.Contract.Vocabularies.Outcomes.Name));
        }
    }

    private static Comity.Law.Stack Load(TempStack stack, DocBlock block)
    {
        try
        {
            return stack.Load();
        }
        catch (Comity.Law.LawException e)
        {
            Assert.Fail($"the block at docs/law-language.md line {block.Line} does not load:\n{string.Join("\n", e.Errors.Select(stack.Relative))}");
            throw;
        }
    }

    /// <summary>The names after "layers" in a stack.law text.</summary>
    private static List<string> LayerNames(string stackLaw)
    {
        var line = stackLaw.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("layers ", StringComparison.Ordinal));
        return line["layers ".Length..].Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
    }

    /// <summary>The layers a stack.law text reads from elsewhere: "layer NAME from "FOLDER"".</summary>
    private static Dictionary<string, string> SharedFolders(string stackLaw) =>
        stackLaw.Split('\n').Select(l => l.Trim().Split(' ', 4))
            .Where(w => w.Length == 4 && w[0] == "layer" && w[2] == "from")
            .ToDictionary(w => w[1], w => w[3].Trim('"'));

    private static DocBlock Block(int line) => Blocks.Value.Single(b => b.Line == line);

    private static TheoryData<int> Lines(string kind)
    {
        var data = new TheoryData<int>();
        foreach (var b in Blocks.Value.Where(b => b.Kind == kind))
            data.Add(b.Line);
        return data;
    }

    internal static IReadOnlyList<DocBlock> ReadBlocks(string[] lines)
    {
        var blocks = new List<DocBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
                continue;
            var kind = lines[i][3..].Trim();
            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
                body.Add(lines[i]);
            Assert.True(i < lines.Length, $"the block at docs/law-language.md line {start + 1} is not closed");
            blocks.Add(new DocBlock(kind, start + 1, string.Join("\n", body) + "\n"));
        }
        return blocks;
    }

    /// <summary>docs/law-language.md, found from the folder that holds Comity.slnx.</summary>
    private static string DocPath() => RepoRoot.Combine("docs/law-language.md");
}
