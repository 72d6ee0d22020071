using Comity.Law;

namespace Comity.Anchors.Subset;

/// <summary>
/// The names of the flat facts every anchor reads. A request fact's name is its law-language name
/// without dots (<c>document.type</c> is <c>documentType</c>, <c>item.public</c> is
/// <c>itemPublic</c>); the day is <c>day</c>, a number yyyymmdd. Records have <c>codes</c>,
/// <c>level</c>, <c>jurisdiction</c>, <c>wobbler</c>, <c>reducedByProp47</c> and <c>day</c>.
/// The .NET anchors use the same names in PascalCase.
/// </summary>
public static class FactNames
{
    public const string Day = "day";
    public const string Codes = "codes";
    public const string Classes = "classes";
    public const string RecordDay = "day";

    public static string Of(Fact fact) => Of(fact.Name);

    public static string Of(string lawName)
    {
        var parts = lawName.Split('.');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    public static string Pascal(string camel) => char.ToUpperInvariant(camel[0]) + camel[1..];

    /// <summary>Every request fact a condition may name, in the law language's order.</summary>
    public static IEnumerable<Fact> RequestFacts => Facts.All.Where(f => f.Scope == FactScope.Request);

    /// <summary>The request facts that hold a string (enumerations and the unit id); the rest are booleans.</summary>
    public static bool IsString(Fact fact) => fact.Type != FactType.Boolean;
}
