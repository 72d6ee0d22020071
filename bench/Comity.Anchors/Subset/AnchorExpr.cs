using Comity.Law;

namespace Comity.Anchors.Subset;

/// <summary>
/// A rule's condition in the form every anchor can render: the law language's tests, plus the
/// effective period and the binding that Comity checks outside the <c>when</c> clause, plus
/// references to whether another rule is active (for exceptions). Request facts are read from the
/// flat facts object of <see cref="FactNames"/>; record tests read one conviction or charge.
/// </summary>
public abstract record AnchorExpr;

public sealed record AllOfExpr(IReadOnlyList<AnchorExpr> Parts) : AnchorExpr;

public sealed record AnyOfExpr(IReadOnlyList<AnchorExpr> Parts) : AnchorExpr;

public sealed record NotExpr(AnchorExpr Inner) : AnchorExpr;

public sealed record TrueExpr : AnchorExpr
{
    public static readonly TrueExpr Instance = new();
}

/// <summary>A string fact of the request equals one of the values (absent facts are the empty string).</summary>
public sealed record OneOfExpr(string Fact, IReadOnlyList<string> Values) : AnchorExpr;

/// <summary>A boolean fact of the request is true.</summary>
public sealed record FlagExpr(string Fact) : AnchorExpr;

/// <summary>The request's day (yyyymmdd as a number) is on or after <paramref name="Day"/>, or before it.</summary>
public sealed record DayExpr(bool Before, int Day) : AnchorExpr;

/// <summary>Some conviction (or probable-cause charge) of the subject passes <paramref name="Where"/>.</summary>
public sealed record ExistsExpr(RecordKind Over, AnchorExpr Where) : AnchorExpr;

/// <summary>The record's classes (see <see cref="OffenceClasses"/>) include <paramref name="Class"/>.</summary>
public sealed record HasClassExpr(string Class) : AnchorExpr;

/// <summary>The record's codes (its code and the codes it is a subdivision of) include one of <paramref name="Codes"/>.</summary>
public sealed record CodeIsExpr(IReadOnlyList<string> Codes) : AnchorExpr;

/// <summary>A string field of the record (<c>level</c>, <c>jurisdiction</c>) equals one of the values.</summary>
public sealed record RecordOneOfExpr(string Field, IReadOnlyList<string> Values) : AnchorExpr;

/// <summary>A boolean field of the record (<c>wobbler</c>, <c>reducedByProp47</c>) is true.</summary>
public sealed record RecordFlagExpr(string Field) : AnchorExpr;

/// <summary>
/// The record's date is on or after the same calendar day <paramref name="Years"/> years before the
/// request's: with days as yyyymmdd numbers, <c>record.day &gt;= day - Years * 10000</c>.
/// </summary>
public sealed record WithinYearsExpr(int Years) : AnchorExpr;

/// <summary>The record's day is before <paramref name="Day"/>, or on or after it.</summary>
public sealed record RecordDayExpr(bool Before, int Day) : AnchorExpr;

/// <summary>The rule is active: it applies and no active exception sets it aside.</summary>
public sealed record ActiveExpr(AnchorRule Rule) : AnchorExpr;
