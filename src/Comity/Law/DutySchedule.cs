using System.Text.Json;

namespace Comity.Law;

/// <summary>Whose duty it is: the case's (a notice to the person, a copy to the attorney, served on the case) or the agency's (a report, a forum: it goes to the reports, never to a case's checklist).</summary>
public enum DutyKind { Case, Agency }

/// <summary>
/// When a case duty falls due, as the law words it: when the request is received (7283.1(b):
/// "upon receiving"), before the interview (7283.1(a)), at the person's release (the release
/// notice), or at no set time.
/// </summary>
public enum DueBasis { OnReceipt, BeforeInterview, AtRelease, None }

/// <summary>Who a case duty is served on.</summary>
public enum DutyRecipient { Person, Attorney }

/// <summary>How the case workflow reads one duty of the law: whose it is, to whom, and when it is due (the basis, plus any time the law allows after it).</summary>
public sealed record DutyTerms(DutyKind Kind, IReadOnlyList<DutyRecipient> To, DueBasis Due, TimeSpan Within)
{
    /// <summary>True when the schedule does not name the duty: it is then read as a case duty due on receipt (fail closed: staff see it at once).</summary>
    public bool Unmapped { get; init; }

    public static readonly DutyTerms Default = new(DutyKind.Case, [DutyRecipient.Person], DueBasis.OnReceipt, TimeSpan.Zero) { Unmapped = true };
}

/// <summary>
/// A stack's duty schedule, <c>duties.json</c> beside its stack.law, reviewed like its rules:
/// for each duty the law declares, whether it is the case's or the agency's, to whom it is served
/// and when it falls due. It does not change the answer; it tells the case workflow what goes on
/// a case's checklist and by when. It is part of the stack's digest all the same, and recorded with
/// the law in the ledger: a version of the stack is one set of files, so that the duties a recorded
/// case was given can be read back with the law that decided it.
/// </summary>
public sealed class DutySchedule
{
    public const string FileName = "duties.json";

    private readonly Dictionary<string, DutyTerms> _terms;

    private DutySchedule(Dictionary<string, DutyTerms> terms, RecordsRequestTerms? recordsRequests = null)
    {
        _terms = terms;
        RecordsRequests = recordsRequests;
    }

    /// <summary>
    /// When a request for public records must be answered, where the stack's law sets a time
    /// (California: Gov. Code 7922.535); null in a stack whose law sets none (Texas here).
    /// </summary>
    public RecordsRequestTerms? RecordsRequests { get; }

    public static readonly DutySchedule Empty = new([]);

    /// <summary>The duties the schedule names.</summary>
    public IReadOnlyCollection<string> Duties => _terms.Keys;

    /// <summary>The terms of a duty; <see cref="DutyTerms.Default"/> for one the schedule does not name.</summary>
    public DutyTerms For(string duty) => _terms.TryGetValue(duty, out var t) ? t : DutyTerms.Default;

    private static readonly string[] Kinds = ["case", "agency"];
    private static readonly string[] Bases = ["on-receipt", "before-interview", "at-release", "none"];
    private static readonly string[] Recipients = ["person", "attorney"];

    /// <summary>Reads <c>duties.json</c> in <paramref name="directory"/> (empty when absent); each error names the file and the JSON path.</summary>
    public static DutySchedule Load(string directory, IReadOnlySet<string> declared, List<LawError> errors)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? Read(path, File.ReadAllBytes(path), declared, errors) : Empty;
    }

    /// <summary>Reads a duty schedule from <paramref name="bytes"/>, the content of the file at <paramref name="path"/> (named in errors).</summary>
    public static DutySchedule Read(string path, byte[] bytes, IReadOnlySet<string> declared, List<LawError> errors)
    {
        var terms = new Dictionary<string, DutyTerms>(StringComparer.Ordinal);
        RecordsRequestTerms? recordsRequests = null;
        void Error(string where, string message) => errors.Add(new LawError(new SourceLocation(path, 1, 1), $"{where}: {message}"));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            errors.Add(new LawError(new SourceLocation(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1), $"not JSON: {e.Message}"));
            return Empty;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("duties", out var duties) || duties.ValueKind != JsonValueKind.Object)
            {
                Error("$", "expected an object with \"duties\": { \"RULE\": { \"kind\", \"to\", \"due\", \"withinHours\" } }");
                return Empty;
            }
            foreach (var duty in duties.EnumerateObject())
            {
                var at = $"$.duties[\"{duty.Name}\"]";
                if (!declared.Contains(duty.Name))
                {
                    Error(at, $"the stack declares no duty {duty.Name}");
                    continue;
                }
                var d = duty.Value;
                if (d.ValueKind != JsonValueKind.Object)
                {
                    Error(at, "expected an object");
                    continue;
                }
                foreach (var p in d.EnumerateObject())
                    if (p.Name is not ("kind" or "to" or "due" or "withinHours" or "why" or "recordsRequest"))
                        Error($"{at}.{p.Name}", "unknown property; expected kind, to, due, withinHours, why, recordsRequest");
                if (d.TryGetProperty("recordsRequest", out var records))
                {
                    if (recordsRequests is not null)
                        Error($"{at}.recordsRequest", $"the time to answer a records request is already set by {recordsRequests.Duty}");
                    else
                        recordsRequests = RecordsRequestTerms.Read(duty.Name, records, $"{at}.recordsRequest", Error);
                }
                var kind = Word(d, "kind", Kinds, at, Error) ?? 0;
                var due = Word(d, "due", Bases, at, Error) ?? (kind == 1 ? 3 : 0);
                var to = new List<DutyRecipient>();
                if (d.TryGetProperty("to", out var list))
                {
                    if (list.ValueKind != JsonValueKind.Array)
                        Error($"{at}.to", "expected a list of person, attorney");
                    else
                        foreach (var r in list.EnumerateArray())
                        {
                            var i = r.ValueKind == JsonValueKind.String ? Array.IndexOf(Recipients, r.GetString()) : -1;
                            if (i < 0)
                                Error($"{at}.to", "expected person or attorney");
                            else
                                to.Add((DutyRecipient)i);
                        }
                }
                var within = TimeSpan.Zero;
                if (d.TryGetProperty("withinHours", out var hours))
                {
                    if (hours.ValueKind != JsonValueKind.Number || !hours.TryGetInt32(out var h) || h < 0 || h > 24 * 366)
                        Error($"{at}.withinHours", "expected a whole number of hours from 0 to 8784");
                    else
                        within = TimeSpan.FromHours(h);
                }
                if (kind == 1 && (to.Count > 0 || due != 3))
                    Error(at, "an agency duty is served on no one and has no due time on a case (\"due\": \"none\", no \"to\")");
                if (kind == 0 && to.Count == 0)
                    Error($"{at}.to", "a case duty names whom it is served on: person, attorney or both");
                terms[duty.Name] = new DutyTerms((DutyKind)kind, to, (DueBasis)due, within);
            }
        }
        return new DutySchedule(terms, recordsRequests);
    }

    private static int? Word(JsonElement d, string name, string[] words, string at, Action<string, string> error)
    {
        if (!d.TryGetProperty(name, out var p))
        {
            if (name == "kind")
                error($"{at}.kind", "expected case or agency");
            return null;
        }
        var i = p.ValueKind == JsonValueKind.String ? Array.IndexOf(words, p.GetString()) : -1;
        if (i < 0)
            error($"{at}.{name}", $"expected one of {string.Join(", ", words)}");
        return i < 0 ? null : i;
    }
}
