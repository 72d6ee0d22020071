using System.Globalization;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>Writes a condition back in the law language, so that a class of requests reads as rules do.</summary>
internal static class ConditionText
{
    /// <param name="expand">write each definition used with its meaning, so that a changed definition changes the text</param>
    public static string Of(Condition c, bool expand = false) => c switch
    {
        Always => "always",
        Defined d when expand => $"{d.Name} ({Of(d.Meaning!, expand)})",
        Defined d => d.Name,
        AllOf a => string.Join(" and ", a.Parts.Select(p => Part(p, expand))),
        AnyOf a => string.Join(" or ", a.Parts.Select(p => Part(p, expand))),
        Not { Inner: IsGiven g } => $"{g.Fact.Name} is not given",
        Not n => "not " + Part(n.Inner, expand),
        IsGiven g => $"{g.Fact.Name} is given",
        IsOneOf e when e.Values.Count == 1 => $"{e.Fact.Name} is {e.Values[0]}",
        IsOneOf e => $"{e.Fact.Name} is one of {string.Join(", ", e.Values)}",
        IsTrue t => t.Fact.Name,
        Exists x => $"any {(x.Over == RecordKind.Conviction ? "conviction" : "probable-cause-charge")} ({Of(x.Where, expand)})",
        HasClass h => $"class {h.Class}",
        CodeIs { Codes.Count: 1 } k => $"code is \"{k.Codes[0]}\"",
        CodeIs k => $"code is one of {string.Join(", ", k.Codes.Select(x => $"\"{x}\""))}",
        Within w => $"within {w.Amount} {w.Unit.ToString().ToLowerInvariant()}",
        Dated d => $"dated {(d.Before ? "before" : "from")} {d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        _ => c.GetType().Name,
    };

    private static string Part(Condition c, bool expand) => c is AllOf or AnyOf ? $"({Of(c, expand)})" : Of(c, expand);
}
