using System.Collections.Concurrent;
using Comity.Contract;
using Comity.Law;

namespace Comity.Engine;

/// <summary>
/// Finds the compiled stack that decides a request. Either one stack was chosen explicitly
/// (<c>--stack DIR</c>), and a request naming another jurisdiction is refused; or stacks live
/// under a root folder by jurisdiction (<c>stacks/us/ca/los-angeles</c>), each loaded and
/// compiled once on first use.
/// </summary>
public sealed class StackCatalog
{
    private readonly DecisionEngine? _fixed;
    private readonly string _root;
    private readonly string _defaultJurisdiction;
    private readonly ConcurrentDictionary<string, Lazy<DecisionEngine>> _engines = new(StringComparer.Ordinal);

    private StackCatalog(DecisionEngine? fixedEngine, string root, string defaultJurisdiction)
    {
        _fixed = fixedEngine;
        _root = root;
        _defaultJurisdiction = defaultJurisdiction;
    }

    public const string DefaultJurisdiction = "us/ca/los-angeles";

    /// <exception cref="LawException">when the stack does not load.</exception>
    public static StackCatalog ForStack(string directory) => new(DecisionEngine.Compile(StackLoader.Load(directory)), "", "");

    public static StackCatalog ForRoot(string root, string defaultJurisdiction = DefaultJurisdiction) => new(null, root, defaultJurisdiction);

    /// <summary>The engine for a request, or the contract error that says why there is none.</summary>
    /// <exception cref="LawException">when the stack's text has errors.</exception>
    public DecisionEngine? Find(DecisionRequest request, out ContractError? error) => FindForUnit(request.Jurisdiction, request.Actor.Unit, out error);

    /// <summary>
    /// The engine of the stack that serves <paramref name="unit"/> under <paramref name="jurisdiction"/>
    /// (the default jurisdiction when null), or the error that says why there is none (its path names
    /// <c>$.jurisdiction</c> or <c>$.actor.unit</c>). A records request finds its law this way too.
    /// </summary>
    /// <exception cref="LawException">when the stack's text has errors.</exception>
    public DecisionEngine? FindForUnit(string? jurisdiction, string unit, out ContractError? error)
    {
        error = null;
        if (_fixed is not null)
        {
            if (jurisdiction is { } j && j != _fixed.Stack.Id)
                error = new ContractError("$.jurisdiction", $"\"{j}\" is not the stack in use ({_fixed.Stack.Id})");
            error ??= UndeclaredUnit(_fixed.Stack, unit);
            return error is null ? _fixed : null;
        }
        jurisdiction ??= _defaultJurisdiction;
        if (_engines.TryGetValue(jurisdiction, out var known))
            return Checked(known.Value, unit, out error);
        if (!IsJurisdictionName(jurisdiction))
        {
            error = new ContractError("$.jurisdiction", $"\"{jurisdiction}\" is not a jurisdiction name; expected lower-case segments separated by /, such as us/ca/los-angeles");
            return null;
        }
        var directory = Path.Combine(_root, jurisdiction);
        if (!File.Exists(Path.Combine(directory, StackLoader.StackFile)))
        {
            error = new ContractError("$.jurisdiction", $"no stack for \"{jurisdiction}\" under {_root}; expected a folder {directory} with a {StackLoader.StackFile}");
            return null;
        }
        var lazy = _engines.GetOrAdd(jurisdiction, _ => new Lazy<DecisionEngine>(() => DecisionEngine.Compile(StackLoader.Load(directory))));
        return Checked(lazy.Value, unit, out error);
    }

    private static DecisionEngine? Checked(DecisionEngine engine, string unit, out ContractError? error)
    {
        error = UndeclaredUnit(engine.Stack, unit);
        return error is null ? engine : null;
    }

    /// <summary>The loaded stack whose digest is <paramref name="digest"/>, if this catalog has decided with it (for recording the law that decided).</summary>
    public Stack? Loaded(string digest)
    {
        if (_fixed is not null)
            return _fixed.Stack.Digest == digest ? _fixed.Stack : null;
        foreach (var lazy in _engines.Values)
            if (lazy.IsValueCreated && lazy.Value.Stack.Digest == digest)
                return lazy.Value.Stack;
        return null;
    }

    /// <summary>
    /// A stack that declares its units (semantics.md, "Units") refuses a request from a unit it does
    /// not declare, listing those it does; a stack that declares none accepts any unit.
    /// </summary>
    public static ContractError? UndeclaredUnit(Stack stack, DecisionRequest request) => UndeclaredUnit(stack, request.Actor.Unit);

    /// <inheritdoc cref="UndeclaredUnit(Stack, DecisionRequest)"/>
    public static ContractError? UndeclaredUnit(Stack stack, string unit)
    {
        if (stack.Units.Count == 0)
            return null;
        foreach (var u in stack.Units)
            if (u.Id == unit)
                return null;
        return new ContractError("$.actor.unit",
            $"\"{unit}\" is not a unit of stack {stack.Id}; expected one of {string.Join(", ", stack.Units.Select(u => u.Id))}");
    }

    /// <summary>
    /// A jurisdiction names a folder under the root and nothing else: lower-case letters, digits and
    /// hyphens in segments separated by /; never absolute, never "..".
    /// </summary>
    private static bool IsJurisdictionName(string name) =>
        name.Length > 0 && name.Split('/').All(segment => segment.Length > 0 && segment.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'));
}
