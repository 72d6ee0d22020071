namespace Comity.Law;

/// <summary>A condition over a request's facts, as written in a rule's <c>when</c> clause.</summary>
public abstract record Condition(SourceLocation At);

/// <summary><c>always</c>: holds for every request.</summary>
public sealed record Always(SourceLocation At) : Condition(At);

public sealed record AllOf(IReadOnlyList<Condition> Parts, SourceLocation At) : Condition(At);

public sealed record AnyOf(IReadOnlyList<Condition> Parts, SourceLocation At) : Condition(At);

public sealed record Not(Condition Inner, SourceLocation At) : Condition(At);

/// <summary><c>act is hold</c>, <c>act is one of hold, transfer</c>: an enumerated fact has one of the values.</summary>
public sealed record IsOneOf(Fact Fact, IReadOnlyList<string> Values, SourceLocation At) : Condition(At);

/// <summary><c>subject.inCustody</c>: a boolean fact is true.</summary>
public sealed record IsTrue(Fact Fact, SourceLocation At) : Condition(At);

/// <summary>
/// <c>subject.role is given</c>, <c>item.held is not given</c> (as <see cref="Not"/> of this): the
/// request gives the fact (semantics.md, "Facts that are not given"). Never unknown itself: it is
/// how a rule says what it does when a fact is left out. Only facts that can be left out (contract
/// 1.1's, <see cref="Fact.CanBeUnknown"/>) can be tested so.
/// </summary>
public sealed record IsGiven(Fact Fact, SourceLocation At) : Condition(At);

/// <summary><c>any conviction (...)</c>, <c>any probable-cause-charge (...)</c>: some record of the subject satisfies the inner condition.</summary>
public sealed record Exists(RecordKind Over, Condition Where, SourceLocation At) : Condition(At);

/// <summary><c>class serious-felony</c>: the offence belongs to the class, by the stack's tables or the caller's assertion.</summary>
public sealed record HasClass(string Class, SourceLocation At) : Condition(At);

/// <summary><c>code is "PC 211"</c>: the offence code is one of these (a listed code also matches its subdivisions).</summary>
public sealed record CodeIs(IReadOnlyList<string> Codes, SourceLocation At) : Condition(At);

/// <summary>
/// <c>within 5 years</c>: the conviction date is on or after the same calendar day that many
/// years (months, days) before the request was received.
/// </summary>
public sealed record Within(int Amount, WindowUnit Unit, SourceLocation At) : Condition(At);

/// <summary><c>dated before 2014-11-05</c> (strictly before) or <c>dated from 2014-11-05</c> (on or after).</summary>
public sealed record Dated(bool Before, DateOnly Day, SourceLocation At) : Condition(At);

/// <summary>
/// A definition used by name (<c>immigration-enforcement-purpose</c>): holds when the definition's
/// condition does. <see cref="Meaning"/> is filled when the stack loads (definitions may be used
/// before the file that defines them); <see cref="InsideRecord"/> says it is used inside
/// <c>any (...)</c>.
/// </summary>
public sealed record Defined(string Name, bool InsideRecord, SourceLocation At) : Condition(At)
{
    public Condition? Meaning { get; init; }
}

public enum WindowUnit { Years, Months, Days }

public enum RecordKind { Conviction, ProbableCauseCharge }
