using Comity.Contract;

namespace Comity.Reports.Counting;

/// <summary>
/// Every count of one period, in one pass over the projection's rows: what R1's tables need, kept
/// as counts and sets of person keys (never identities). Built once per period.
/// </summary>
public sealed class Tally
{
    public const int Types = 10;
    public static readonly RequestType[] PersonTypesWithDispositions = [RequestType.Hold, RequestType.Notification, RequestType.Transfer];

    public Tally(ReportMapping mapping, DateOnly first, DateOnly last)
    {
        First = first;
        Last = last;
        Notices = mapping.Notices.Count;
        NoticeDue = new int[Notices];
        NoticeServed = new int[Notices];
        NoticeHours = [.. Enumerable.Range(0, Notices).Select(_ => new List<double>())];
        UnitRequests = new int[mapping.Units.Count];
        UnitAccess = new int[mapping.Units.Count];
        // The period ends at the end of its last local day.
        var endLocal = last.AddDays(1).ToDateTime(TimeOnly.MinValue);
        End = RowTime.Of(new DateTimeOffset(endLocal, mapping.TimeZone.GetUtcOffset(endLocal))) - 1;
    }

    public DateOnly First { get; }
    public DateOnly Last { get; }

    /// <summary>The end of the period in row minutes, inclusive.</summary>
    public int End { get; }

    public int Notices { get; }
    public int Requests;
    public readonly int[] TypeRequests = new int[Types];
    public readonly HashSet<ulong>[] TypePersons = [.. Enumerable.Range(0, Types).Select(_ => new HashSet<ulong>())];
    public readonly int[,] TypeGroup = new int[Types, 4];
    public readonly int[,] Funnel = new int[3, 10]; // hold, notification, transfer × disposition
    public readonly HashSet<ulong> Persons = [];
    public readonly HashSet<ulong> PersonsGivenAccess = [];
    public readonly HashSet<ulong> PersonsTransferred = [];
    public int AccessGiven;
    public int WithoutIdentity;

    /// <summary>T3's nine stages: requests and people.</summary>
    public readonly int[] Interview = new int[9];
    public readonly HashSet<ulong>[] InterviewPersons = [.. Enumerable.Range(0, 9).Select(_ => new HashSet<ulong>())];
    public readonly int[] FormLanguages = new int[Demographics.ConsentLanguages.Length];

    public readonly int[] NoticeDue;
    public readonly int[] NoticeServed;
    public readonly List<double>[] NoticeHours;

    /// <summary>Per person given access: the most serious offence category among the requests that gave it, and the demographic codes.</summary>
    public readonly Dictionary<ulong, (byte Category, byte Gender, byte Race, byte Age, ushort Country)> AccessPeople = [];

    public readonly int[] MonthRequests = new int[12];
    public readonly int[] MonthAccess = new int[12];
    public readonly int[] UnitRequests;
    public readonly int[] UnitAccess;

    /// <summary>Requests left out, by the reason of C0.</summary>
    public readonly SortedDictionary<string, int> Excluded = new(StringComparer.Ordinal);

    public static Tally Count(IEnumerable<RequestRow> rows, ReportMapping mapping, DateOnly first, DateOnly last, bool lawEnforcementOnly = true)
    {
        var t = new Tally(mapping, first, last);
        foreach (var row in rows)
            t.Add(row, lawEnforcementOnly);
        return t;
    }

    public void Add(in RequestRow row, bool lawEnforcementOnly)
    {
        var day = DateOnly.FromDayNumber(row.LocalDay);
        if (day < First || day > Last)
            return;
        if (Scope.Excluded(row, lawEnforcementOnly) is { } why)
        {
            Excluded[why] = Excluded.GetValueOrDefault(why) + 1;
            return;
        }
        if (RequestTypes.Of((Act)row.Act) is not { } type)
            return;
        var ti = (int)type;
        var person = Scope.Person(row);
        if (!row.Has(RowFlags.HasIdentity))
            WithoutIdentity++;
        var d = Scope.DispositionAt(row, End);
        var g = Dispositions.Group(d);
        Requests++;
        TypeRequests[ti]++;
        TypePersons[ti].Add(person);
        TypeGroup[ti, (int)g]++;
        if (ti < 3)
            Funnel[ti, (int)d]++;
        Persons.Add(person);
        var month = day.Month - 1;
        MonthRequests[month]++;
        if (row.Unit >= 0)
            UnitRequests[row.Unit]++;
        if (g == DispositionGroup.AccessGiven)
        {
            AccessGiven++;
            MonthAccess[month]++;
            if (row.Unit >= 0)
                UnitAccess[row.Unit]++;
            if (RequestTypes.ConcernsPerson(type))
            {
                PersonsGivenAccess.Add(person);
                var category = row.OffenceCategory;
                if (AccessPeople.TryGetValue(person, out var known) && known.Category < category)
                    category = known.Category;
                AccessPeople[person] = (category, row.Gender, row.Race, row.AgeBand, row.Country);
            }
        }
        if (d == Disposition.Transferred)
            PersonsTransferred.Add(person);
        if ((Act)row.Act == Act.Interview)
            AddInterview(row, d, person);
        for (var n = 0; n < Notices && n < 3; n++)
        {
            if ((row.NoticesDue & (1 << n)) == 0)
                continue;
            NoticeDue[n]++;
            var served = row.Served(n);
            if (served != 0)
            {
                NoticeServed[n]++;
                var from = n > 0 && row.NotifiedAt != 0 ? row.NotifiedAt : row.ReceivedAt;
                NoticeHours[n].Add(Math.Max(0, (served - from) / 60.0));
            }
        }
    }

    private void AddInterview(in RequestRow row, Disposition d, ulong person)
    {
        void Stage(int i)
        {
            Interview[i]++;
            InterviewPersons[i].Add(person);
        }
        Stage(0);
        if (d is Disposition.NotPermittedByStateLaw or Disposition.DeclinedByLocalPolicy)
            Stage(1);
        else if (!row.Has(ConsentFlags.FormServed))
            Stage(2);
        else
        {
            Stage(3);
            if (row.FormLanguage != RequestRow.None)
                FormLanguages[row.FormLanguage]++;
            if (!row.Has(ConsentFlags.ConsentedKnown))
                Stage(7);
            else if (!row.Has(ConsentFlags.Consented))
                Stage(6);
            else if (row.Has(ConsentFlags.AttorneyPresent))
                Stage(4);
            else
                Stage(5);
        }
        if (d is Disposition.InterviewWithAttorney or Disposition.InterviewWithoutAttorney)
            Stage(8);
    }
}
