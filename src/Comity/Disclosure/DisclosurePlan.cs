using Comity.Contract;

namespace Comity.Disclosure;

/// <summary>
/// A decision turned into a cut of one record system: for each field, kept or dropped and why;
/// for a request about a named person, which rows are that person's. Fails closed: a field is
/// kept only when the catalog maps it to an item the decision permits or requires; an unmapped
/// field, a field mapped to <c>none</c>, an item not asked for, denied or referred to counsel is
/// dropped.
/// </summary>
public sealed class DisclosurePlan
{
    private readonly Dictionary<string, FieldDecision> _decided = new(StringComparer.Ordinal);

    private DisclosurePlan(DecisionRequest request, DecisionAnswer answer, DataCatalog catalog, SubjectKey? subject)
    {
        Request = request;
        Answer = answer;
        Catalog = catalog;
        Subject = subject;
        // A loop, not LINQ over the struct ItemOutcome, and items found by a scan of these few
        // rather than a dictionary keyed by an enum: the framework's generics over our value types
        // are JIT-compiled at every start of `comity redact`.
        var items = new List<ItemRelease>(answer.Data.Count);
        for (var i = 0; i < answer.Data.Count; i++)
            items.Add(Release(answer, answer.Data[i]));
        Items = items;
    }

    public DecisionRequest Request { get; }
    public DecisionAnswer Answer { get; }
    public DataCatalog Catalog { get; }

    /// <summary>The person whose rows alone are released; null for <c>bulk-disclose</c> (every row).</summary>
    public SubjectKey? Subject { get; }

    /// <summary>Each requested item, in the request's order.</summary>
    public IReadOnlyList<ItemRelease> Items { get; }

    /// <summary>
    /// The plan for a decided request. <paramref name="requestName"/> names the request in errors.
    /// </summary>
    /// <exception cref="DisclosureException">when the request is not a disclosure, was decided
    /// under another stack than the catalog serves, or the subject does not fit the act and catalog.</exception>
    public static DisclosurePlan Create(DecisionRequest request, DecisionAnswer answer, DataCatalog catalog, SubjectKey? subject, string requestName)
    {
        var errors = new List<DisclosureError>();
        if (request.Act is not (Act.Disclose or Act.BulkDisclose))
            errors.Add(new(requestName, 0, 0, $"act {Vocabularies.Acts.Name(request.Act)} asks for no records; the firewall cuts exports for disclose (a named person) and bulk-disclose (rosters, lists, exports)"));
        if (answer.Policy.Stack != catalog.Jurisdiction)
            errors.Add(new(CatalogName(catalog), 0, 0, $"the catalog serves {catalog.Jurisdiction}, but the request was decided under {answer.Policy.Stack}"));
        if (request.Act is Act.Disclose)
            CheckSubject(catalog, subject, requestName, errors);
        else if (request.Act is Act.BulkDisclose && subject is not null)
            errors.Add(new(requestName, 0, 0, "act bulk-disclose asks for whole exports, not one person's rows: no subject is taken (a request about a named person is act disclose)"));
        if (errors.Count > 0)
            throw new DisclosureException(errors);
        return new DisclosurePlan(request, answer, catalog, subject);
    }

    /// <summary>What to do with the field of this name (exact, as it appears in the export).</summary>
    public FieldDecision Decide(string field)
    {
        if (_decided.TryGetValue(field, out var known))
            return known;
        var decision = Catalog.Find(field) switch
        {
            null => new FieldDecision(field, null, FieldBasis.Unmapped, []),
            { Item: null } => new FieldDecision(field, null, FieldBasis.CatalogNone, []),
            { Item: { } item } when Released(item) is { } release => new FieldDecision(field, item, Basis(release.Outcome), release.DecidedBy),
            { Item: { } item } => new FieldDecision(field, item, FieldBasis.NotRequested, []),
        };
        _decided[field] = decision;
        return decision;
    }

    private ItemRelease? Released(DataItem item)
    {
        foreach (var release in Items)
            if (release.Item == item)
                return release;
        return null;
    }

    private static FieldBasis Basis(Outcome outcome) => outcome switch
    {
        Outcome.Permit => FieldBasis.Permit,
        Outcome.MustComply => FieldBasis.MustComply,
        Outcome.Deny => FieldBasis.Deny,
        _ => FieldBasis.ReferToCounsel,
    };

    private static ItemRelease Release(DecisionAnswer answer, ItemOutcome d)
    {
        var decidedBy = answer.Reasons.Where(r => Lists(r.Decides, d.Item)).Select(r => r.Rule).ToList();
        // A floor that applied to the item and was neither set aside nor overridden.
        var floor = answer.Reasons
            .Where(r => r.Effect == Effect.Floor && Lists(r.Items, d.Item) && r.SetAsideBy.Count == 0 && r.OverriddenBy.Count == 0)
            .Select(r => r.Rule).ToList();
        return new ItemRelease(d.Item, d.Outcome, decidedBy, floor);
    }

    private static bool Lists(IReadOnlyList<DataItem> items, DataItem item)
    {
        for (var i = 0; i < items.Count; i++)
            if (items[i] == item)
                return true;
        return false;
    }

    private static void CheckSubject(DataCatalog catalog, SubjectKey? subject, string requestName, List<DisclosureError> errors)
    {
        var expected = string.Join(", ", catalog.Subject);
        if (subject is null || subject.Values.Count == 0)
        {
            errors.Add(new(requestName, 0, 0, $"act disclose is about a named person: give the person's {expected} (the subject fields of catalog {catalog.System}); without them no row is released"));
            return;
        }
        var given = subject.Values.Select(v => v.Key).ToList();
        foreach (var field in given.Where(f => !catalog.Subject.Contains(f)).Distinct())
            errors.Add(new(requestName, 0, 0, $"subject field \"{field}\" is not a subject field of catalog {catalog.System}; expected {expected}"));
        foreach (var field in given.GroupBy(f => f).Where(g => g.Count() > 1).Select(g => g.Key))
            errors.Add(new(requestName, 0, 0, $"subject field \"{field}\" is given more than once"));
        foreach (var field in catalog.Subject.Where(f => !given.Contains(f)))
            errors.Add(new(requestName, 0, 0, $"subject field \"{field}\" is missing: catalog {catalog.System} identifies a person by {expected}"));
    }

    private static string CatalogName(DataCatalog catalog) => catalog.Source.Length > 0 ? catalog.Source : catalog.System;
}
