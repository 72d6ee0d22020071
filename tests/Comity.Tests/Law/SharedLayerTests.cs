using Comity.Tests.Support;

namespace Comity.Tests.Law;

/// <summary>
/// <c>layer federal from "../../federal"</c> in stack.law: a layer read from a folder elsewhere,
/// so that two stacks share one copy of it (law-language.md, "A layer shared by several stacks").
/// Each test writes two stacks under one temporary root: stacks/a/one and stacks/b/two, with the
/// shared layer in stacks/federal.
/// </summary>
public class SharedLayerTests
{
    private const string Shared = "stacks/federal/rules.law";

    private static string StackLaw(string id, string from = "../../federal") =>
        $"stack {id}\n  title \"Stack {id}\"\n  layers federal, city\n  layer federal from \"{from}\"\n";

    private static TempStack TwoStacks(string federalLaw) => TempStack.Files(
        (Shared, federalLaw),
        ("stacks/a/one/stack.law", StackLaw("one")),
        ("stacks/a/one/city/rules.law", LawText.Rule("one.city", "deny", when: "act is hold")),
        ("stacks/b/two/stack.law", StackLaw("two")),
        ("stacks/b/two/city/rules.law", LawText.Rule("two.city", "permit", when: "act is hold")));

    private static Comity.Law.Stack Load(TempStack root, string stack) => Comity.Law.StackLoader.Load(Path.Combine(root.Root, stack));

    private static IReadOnlyList<string> Errors(TempStack root, string stack)
    {
        var e = Assert.Throws<Comity.Law.LawException>(() => Load(root, stack));
        return e.Errors.Select(root.Relative).ToList();
    }

    [Fact]
    public void Both_stacks_read_the_one_shared_folder_as_their_layer()
    {
        using var root = TwoStacks(LawText.Rule("fed.floor", "floor", when: "act is disclose"));

        var one = Load(root, "stacks/a/one");
        var two = Load(root, "stacks/b/two");

        Assert.Equal(["federal", "city"], one.Layers.Select(l => l.Name));
        Assert.Equal("fed.floor", Assert.Single(one.Layers[0].Provisions).Id);
        Assert.Equal(one.Layers[0].Provisions.Select(p => (p.Id, p.At)), two.Layers[0].Provisions.Select(p => (p.Id, p.At)));
        Assert.Equal("federal", one.Layers[0].Provisions[0].Layer);
    }

    [Fact]
    public void A_further_folder_adds_its_files_to_the_layer_and_only_for_the_stack_that_names_it()
    {
        using var root = TwoStacks(LawText.Rule("fed.floor", "floor", when: "act is disclose"));
        root.Write("stacks/federal/fifth-circuit/holds.law", LawText.Rule("fed5.hold", "permit", when: "act is hold"));
        root.Write("stacks/a/one/stack.law", StackLaw("one").Replace("\"../../federal\"", "\"../../federal\", \"../../federal/fifth-circuit\"", StringComparison.Ordinal));

        var one = Load(root, "stacks/a/one");
        var two = Load(root, "stacks/b/two");

        Assert.Equal(["fed.floor", "fed5.hold"], one.Layers[0].Provisions.Select(p => p.Id));
        Assert.Equal(["fed.floor"], two.Layers[0].Provisions.Select(p => p.Id));
        Assert.Equal("federal", one.Layers[0].Provisions[1].Layer);
    }

    [Fact]
    public void An_error_in_a_shared_file_points_at_that_file_without_dot_dot()
    {
        using var root = TwoStacks(LawText.Rule("fed.typo", "permit", when: "act is hodl"));

        var error = Assert.Single(Errors(root, "stacks/a/one"));

        Assert.StartsWith("stacks/federal/rules.law:6:15: \"hodl\" is not a value of act", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_reported_at_its_path_in_stack_law()
    {
        using var root = TempStack.Files(
            ("stacks/a/one/stack.law", StackLaw("one", "../../fedral")),
            ("stacks/a/one/city/rules.law", LawText.Rule("one.city", "deny")));

        var error = Assert.Single(Errors(root, "stacks/a/one"));

        Assert.StartsWith("stacks/a/one/stack.law:4:22: no folder \"../../fedral\" (resolved to ", error, StringComparison.Ordinal);
        Assert.Contains("relative to the stack folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layer_read_from_elsewhere_must_be_one_of_the_stack_layers()
    {
        using var root = TempStack.Files(
            (Shared, LawText.Rule("fed.r", "permit")),
            ("stacks/a/one/stack.law", "stack one\n  title \"One\"\n  layers city\n  layer federal from \"../../federal\"\n"),
            ("stacks/a/one/city/rules.law", LawText.Rule("one.city", "deny")));

        var error = Assert.Single(Errors(root, "stacks/a/one"));

        Assert.Equal("stacks/a/one/stack.law:4:9: \"federal\" is not one of the stack's layers (city); name it in \"layers\" too", error);
    }

    [Fact]
    public void A_layer_read_from_elsewhere_and_from_its_own_folder_is_refused()
    {
        using var root = TwoStacks(LawText.Rule("fed.r", "permit"));
        root.Write("stacks/a/one/federal/rules.law", LawText.Rule("fed.local", "deny"));

        var error = Assert.Single(Errors(root, "stacks/a/one"));

        Assert.StartsWith("stacks/a/one/stack.law:4:22: layer \"federal\" is read from \"../../federal\", but the stack also has a folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layer_read_from_two_folders_is_refused_at_the_second()
    {
        using var root = TwoStacks(LawText.Rule("fed.r", "permit"));
        root.Write("stacks/a/one/stack.law", StackLaw("one") + "  layer federal from \"../../other\"\n");

        var error = Assert.Single(Errors(root, "stacks/a/one"));

        Assert.StartsWith("stacks/a/one/stack.law:5:9: layer \"federal\" is already read from \"../../federal\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clause_without_from_says_what_is_expected()
    {
        using var root = TwoStacks(LawText.Rule("fed.r", "permit"));
        root.Write("stacks/a/one/stack.law", "stack one\n  title \"One\"\n  layers federal, city\n  layer federal \"../../federal\"\n");

        var error = Errors(root, "stacks/a/one")[0];

        Assert.StartsWith("stacks/a/one/stack.law:4:17: expected \"from\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shared_files_count_in_the_digest_of_every_stack_that_reads_them()
    {
        using var root = TwoStacks(LawText.Rule("fed.r", "permit"));
        var before = (Load(root, "stacks/a/one").Digest, Load(root, "stacks/b/two").Digest);

        root.Write(Shared, LawText.Rule("fed.r", "permit", text: "Amended."));
        var after = (Load(root, "stacks/a/one").Digest, Load(root, "stacks/b/two").Digest);

        Assert.NotEqual(before.Item1, after.Item1);
        Assert.NotEqual(before.Item2, after.Item2);
    }

    [Fact]
    public void The_digest_names_a_shared_file_as_the_stack_sees_it_not_where_it_is_kept()
    {
        // The same stack.law and files, the shared folder kept in two different places at the same
        // relative path: the digests are equal, so moving the repository does not change them.
        using var first = TwoStacks(LawText.Rule("fed.r", "permit"));
        using var second = TwoStacks(LawText.Rule("fed.r", "permit"));

        Assert.Equal(Load(first, "stacks/a/one").Digest, Load(second, "stacks/a/one").Digest);
    }

    [Fact]
    public void The_digest_of_a_stack_with_its_layer_in_place_is_unchanged_by_the_feature()
    {
        // A stack that reads every layer from its own folder: the digest is SHA-256 over
        // "name\ntext\0" of each file in name order, as before shared layers existed.
        using var stack = TempStack.Files(("stack.law", TempStack.StackLaw("city")), ("city/rules.law", "# empty\n"));
        var expected = "city/rules.law\n# empty\n\0" + "stack.law\n" + TempStack.StackLaw("city") + "\0";

        var digest = stack.Load().Digest;

        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(expected))), digest);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public void A_layer_named_after_a_folder_outside_the_stack_is_refused(string name)
    {
        using var root = TempStack.Files(
            ("stacks/outside.law", LawText.Rule("x.outside", "permit")),
            ("stacks/a/stack.law", $"stack a\n  title \"A\"\n  layers {name}, city\n"),
            ("stacks/a/city/rules.law", LawText.Rule("a.city", "deny", when: "act is hold")));

        var errors = Errors(root, "stacks/a");

        Assert.Contains(errors, e => e.Contains($"layer name \"{name}\" is not a folder inside the stack", StringComparison.Ordinal));
    }
}
