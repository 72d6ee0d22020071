using Comity.Contract;
using Comity.Engine;
using Comity.Law;

namespace Comity.Tests.Support;

/// <summary>
/// A small stack written to a fresh temporary folder: <c>stack.law</c> plus one or more files per
/// layer, from C# strings. Loading reads every file eagerly, so the folder is deleted on dispose
/// (and the <see cref="Compile(ValueTuple{string, string}[])"/> shortcuts delete it at once).
/// </summary>
public sealed class TempStack : IDisposable
{
    public const string DefaultId = "test";

    private TempStack(string root) => Root = root;

    /// <summary>The stack's folder (a fresh directory under the system temp folder).</summary>
    public string Root { get; }

    /// <summary>
    /// Writes a stack from exact file contents: <paramref name="files"/> are paths relative to the
    /// stack folder (<c>stack.law</c>, <c>federal/rules.law</c>); a path ending in <c>/</c> creates
    /// an empty folder.
    /// </summary>
    public static TempStack Files(params (string Path, string Text)[] files)
    {
        var root = Path.Combine(Path.GetTempPath(), "comity-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var stack = new TempStack(root);
        foreach (var (path, text) in files)
            stack.Write(path, text);
        return stack;
    }

    /// <summary>
    /// Writes a stack whose layers are given highest first, each with one file <c>rules.law</c>
    /// holding <c>law</c>; <c>stack.law</c> declares exactly those layers.
    /// </summary>
    public static TempStack Layers(params (string Layer, string Law)[] layers)
    {
        var files = new List<(string, string)> { ("stack.law", StackLaw(layers.Select(l => l.Layer).ToArray())) };
        files.AddRange(layers.Select(l => ($"{l.Layer}/rules.law", l.Law)));
        return Files([.. files]);
    }

    /// <summary>The text of a <c>stack.law</c> declaring these layers.</summary>
    public static string StackLaw(params string[] layers) =>
        $"stack {DefaultId}\n  title \"Test stack\"\n  layers {string.Join(", ", layers)}\n";

    /// <summary>Writes (or overwrites) one file of the stack.</summary>
    public void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        if (path.EndsWith('/'))
        {
            Directory.CreateDirectory(full);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public Stack Load() => StackLoader.Load(Root);

    public DecisionEngine Engine() => DecisionEngine.Compile(Load());

    /// <summary>The errors loading the stack reports; fails the test if it loads.</summary>
    public IReadOnlyList<LawError> Errors()
    {
        try
        {
            StackLoader.Load(Root);
        }
        catch (LawException e)
        {
            Assert.NotEmpty(e.Errors);
            return e.Errors;
        }
        Assert.Fail("the stack loaded, but an error was expected");
        return [];
    }

    /// <summary>An error as "path/relative/to/stack:line:col: message", with '/' separators.</summary>
    public string Relative(LawError error)
    {
        var file = error.At.File;
        var prefix = Root + Path.DirectorySeparatorChar;
        if (file.StartsWith(prefix, StringComparison.Ordinal))
            file = file[prefix.Length..];
        return $"{file.Replace(Path.DirectorySeparatorChar, '/')}:{error.At.Line}:{error.At.Column}: {error.Message}";
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Loads and compiles a stack of these layers (highest first), then deletes its folder.</summary>
    public static DecisionEngine Compile(params (string Layer, string Law)[] layers)
    {
        using var stack = Layers(layers);
        return stack.Engine();
    }

    /// <summary>Loads and compiles a one-layer stack (layer <c>only</c>).</summary>
    public static DecisionEngine Compile(string law) => Compile(("only", law));

    /// <summary>
    /// The errors of a stack of these layers, each as "layer/rules.law:line:col: message"
    /// (stack.law errors as "stack.law:line:col: message").
    /// </summary>
    public static IReadOnlyList<string> ErrorsOf(params (string Layer, string Law)[] layers)
    {
        using var stack = Layers(layers);
        return stack.Errors().Select(stack.Relative).ToList();
    }

    /// <summary>The errors of a one-layer stack, layer <c>only</c>, file <c>only/rules.law</c>.</summary>
    public static IReadOnlyList<string> ErrorsOf(string law) => ErrorsOf(("only", law));
}

/// <summary>
/// Writes rules in the law language with every required clause filled by a harmless default, so
/// that a test shows only what it is about.
/// </summary>
public static class LawText
{
    public static string Rule(string id, string effect, string when = "always", string binds = "all",
        string effective = "from 2000-01-01", string? exceptionTo = null, string? flags = null, string? text = null) =>
        $"""
        rule {id}
          cites "Test § {id}"
          source primary
          effective {effective}
          binds {binds}
        {(exceptionTo is null ? "" : $"  exception to {exceptionTo}\n")}  when {when}
          effect {effect}
        {(flags is null ? "" : $"  flags {flags}\n")}  text "{text ?? $"Rule {id}."}"

        """;

    public static string Duty(string id, string when, string binds = "all", string effective = "from 2000-01-01") =>
        $"""
        duty {id}
          cites "Test § {id}"
          source primary
          effective {effective}
          binds {binds}
          when {when}
          text "Duty {id}."

        """;

    public static string Risk(string id, string when, string flags, string binds = "all", string effective = "from 2000-01-01") =>
        $"""
        risk {id}
          cites "Test § {id}"
          source primary
          effective {effective}
          binds {binds}
          when {when}
          flags {flags}
          text "Risk {id}."

        """;

    public static string Table(string id, string? codes = null, string? includes = null) =>
        $"""
        table {id}
          title "Table {id}"
          cites "Test § {id}"
          source primary
        {(codes is null ? "" : $"  codes {codes}\n")}{(includes is null ? "" : $"  includes {includes}\n")}
        """;
}
