using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>Walks conditions; tells record tests from request-level ones.</summary>
internal static class LawWalk
{
    public static IEnumerable<Condition> Of(Condition c) => StackLoader.Walk(c);

    /// <summary>A test of one record inside <c>any (...)</c>, as opposed to a request fact read there.</summary>
    public static bool IsRecordTest(Condition c) => c switch
    {
        HasClass or CodeIs or Within or Dated => true,
        IsTrue t => Space.Of(t.Fact.Id) is null,
        IsGiven g => Space.Of(g.Fact.Id) is null,
        IsOneOf e => Space.Of(e.Fact.Id) is null,
        _ => false,
    };
}
