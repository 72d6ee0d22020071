using Comity.Recording;

namespace Comity.Server.Web;

/// <summary>
/// The purpose select and its note on a form that searches or exports (reports.md P8): the fields
/// are named <c>purpose</c> and <c>note</c>, as the API's parameters are; <see cref="IdPrefix"/>
/// keeps two such forms on one page apart.
/// </summary>
public sealed record AccessPurposeField(string IdPrefix, string? Purpose, string? Note, string Label)
{
    public static readonly IReadOnlyList<(string Value, string Label)> Choices =
    [
        ("case-work", "Work on a case"),
        ("counsel-review", "Counsel's review"),
        ("records-request", "A public records request"),
        ("audit", "An audit"),
        ("report", "A report"),
        ("other", "Other (say why in the note)"),
    ];

    static AccessPurposeField()
    {
        // Every purpose the core knows is offered, and nothing else.
        if (!Choices.Select(c => c.Value).SequenceEqual(AccessPurposes.Names.Names))
            throw new InvalidOperationException("the purpose choices differ from the purposes the core knows");
    }
}
