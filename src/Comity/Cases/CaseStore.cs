using System.Text;
using System.Text.Json;
using Comity.Cases.Internal;
using Comity.Contract;
using System.Data.Common;

namespace Comity.Cases;

/// <summary>
/// Cases and what follows their decisions (referrals to counsel, reviews, obligations served), kept
/// in the case database as the working view of the ledger. Rows are added as their ledger entries
/// are recorded; a case's row changes only in the columns that say where it stands now.
/// </summary>
public sealed class CaseStore : IDisposable
{
    private readonly CaseDatabase database;
    private readonly Lazy<GroupWriter<NewCase, long>> _writer;
    private string SummaryColumns { get; }
    private InsertStatements? _insert;

    public CaseStore(CaseDatabase database)
    {
        this.database = database;
        RecordsRequests = new RecordsRequestStore(database);
        _writer = new(() => new GroupWriter<NewCase, long>(database, Insert));
        SummaryColumns = "id, reference, received_at, unit, agency, act, document_type, decided_outcome, outcome, status, recorded_by, recorded_at, ledger_index, "
            + $"(SELECT {database.Dialect.JsonField("i.identity_json", "name")} FROM identities i WHERE i.commitment = cases.identity), "
            + "(SELECT COUNT(*) FROM case_actions a WHERE a.case_id = cases.id AND a.against_decision IS NOT NULL), referred_items, waiting_since";
    }

    /// <summary>The records requests kept in the same database (they join the duties dashboard).</summary>
    public RecordsRequestStore RecordsRequests { get; }

    public void Dispose()
    {
        if (_writer.IsValueCreated)
            _writer.Value.Dispose();
        _insert?.Dispose();
    }

    /// <summary>
    /// Keeps who a case is about before the ledger entry that commits it is written (so that a crash
    /// between the two loses nothing). Keeping the same sealed identity twice is harmless.
    /// </summary>
    public void KeepIdentity(CaseIdentity identity) => database.Write((db, tx) => Sql.Execute(db, """
        INSERT INTO identities (commitment, salt, identity_json, search_text) VALUES (@c, @salt, @json, @search) ON CONFLICT DO NOTHING
        """, tx, ("@c", identity.Commitment), ("@salt", identity.Salt), ("@json", identity.JsonText), ("@search", identity.SearchText)));

    /// <summary>The identity kept under <paramref name="commitment"/>, or null when none is.</summary>
    public CaseIdentity? FindIdentity(string commitment) => database.Read(db => ReadIdentity(db, commitment));

    private static CaseIdentity? ReadIdentity(DbConnection db, string? commitment)
    {
        if (commitment is null)
            return null;
        using var command = Sql.Command(db, "SELECT identity_json, salt FROM identities WHERE commitment = @c", null, ("@c", commitment));
        using var reader = command.ExecuteReader();
        return reader.Read() ? CaseIdentity.Read(reader.GetString(0), (byte[])reader.GetValue(1), commitment) : null;
    }

    /// <summary>Keeps a newly recorded decision as a case, its obligations outstanding; returns the case number.</summary>
    public long Add(NewCase c) => database.Write((db, tx) => Insert(db, tx, [c])[0]);

    /// <summary>
    /// <see cref="Add"/> for many callers at once: concurrent additions share one transaction
    /// (group commit). Completes when the case is committed.
    /// </summary>
    public Task<long> AddAsync(NewCase c) => _writer.Value.Enqueue(c);

    /// <summary>
    /// Runs under the database's write lock: the cases of one group commit. Where the database
    /// batches statements (PostgreSQL), the whole group goes in one round trip: sent one by one, each
    /// case's three statements waited for the database three times, and the one writer of a server
    /// managed a few hundred cases a second (docs/benchmarks.md, cluster). SQLite runs in process
    /// and has no batches; there the statements are prepared once and run in turn.
    /// </summary>
    private IReadOnlyList<long> Insert(DbConnection db, DbTransaction tx, IReadOnlyList<NewCase> cases)
    {
        var ids = new Dictionary<long, long>();
        if (!db.CanCreateBatch)
        {
            if (_insert?.Connection != db)
            {
                _insert?.Dispose();
                _insert = new InsertStatements(db, database.Dialect);
            }
            foreach (var c in cases)
            {
                if (Sql.Run(_insert.Case, tx, CaseValues(c)) is long id)
                    ids[c.LedgerIndex] = id;
                foreach (var o in c.Obligations)
                    Sql.Run(_insert.Obligation, tx, ObligationValues(c, o));
            }
        }
        else
        {
            using var batch = db.CreateBatch();
            batch.Transaction = tx;
            var insertCase = InsertCaseSql(database.Dialect);
            foreach (var c in cases)
            {
                Sql.Add(batch, insertCase, InsertCaseParameters, CaseValues(c));
                foreach (var o in c.Obligations)
                    Sql.Add(batch, InsertObligationOfEntry, InsertObligationParameters, ObligationValues(c, o));
            }
            using var reader = batch.ExecuteReader();
            do
            {
                while (reader.Read())
                    ids[reader.GetInt64(1)] = reader.GetInt64(0); // only the cases' inserts return rows
            }
            while (reader.NextResult());
        }
        // Several servers on one database: a server starting up projects the ledger's entries into
        // cases while another records them, so the case of an entry may be there already, whole
        // (its insert committed with its duties). It is the same case, kept as it is (the inserts
        // above did nothing on it): found by its ledger entry.
        return [.. cases.Select(c => ids.TryGetValue(c.LedgerIndex, out var id) ? id
            : Sql.Scalar(db, "SELECT id FROM cases WHERE ledger_index = @index", tx, ("@index", c.LedgerIndex)))];
    }

    private static object?[] CaseValues(NewCase c)
    {
        var r = c.Request;
        var referred = string.Join(',', c.ReferredItems ?? []);
        var status = c.Outcome == Outcome.ReferToCounsel || referred.Length > 0 ? CaseStatus.AwaitingCounsel : CaseStatus.Open;
        return
        [
            r.Id, r.ReceivedAt, c.Stack, r.Actor.Unit, Vocabularies.ActorKinds.Name(r.Actor.Kind),
            Vocabularies.Agencies.Name(r.Requester.Agency), Vocabularies.Acts.Name(r.Act), Vocabularies.DocumentTypes.Name(r.Document.Type),
            Vocabularies.Outcomes.Name(c.Outcome), CaseVocabularies.Statuses.Name(status), c.RecordedBy, Sql.Time(c.RecordedAt), c.LedgerIndex,
            c.EntryJson, c.ReceiptJson, SearchText(r), c.IdentityCommitment, referred, status == CaseStatus.AwaitingCounsel ? Sql.Time(c.RecordedAt) : null,
        ];
    }

    private static object?[] ObligationValues(NewCase c, Obligation o)
    {
        var plan = Plan(c.Duties, o.Rule);
        return
        [
            c.LedgerIndex, o.Rule, o.Text, JsonSerializer.Serialize(o.Citations, CasesJson.Default.IReadOnlyListString),
            plan.Agency ? "agency" : "case", string.Join(',', plan.To), plan.Due, plan.DueAt is { } due ? Sql.Time(due) : null,
        ];
    }

    /// <summary>
    /// A new case. The words the person is found by join the case's own from the identity kept for
    /// it, in the statement itself, so that no statement waits for another's answer. The entry and
    /// receipt are bound as UTF-8 bytes (a blob) and cast to text by the database, which takes the
    /// bytes as they are: the columns hold text, with no transcoding on either side.
    /// </summary>
    private static string InsertCaseSql(Dialect dialect) => $"""
        INSERT INTO cases (reference, received_at, jurisdiction, unit, actor_kind, agency, act, document_type,
            decided_outcome, outcome, status, recorded_by, recorded_at, ledger_index, entry_json, receipt_json, search_text, identity,
            referred_items, waiting_since)
        VALUES (@reference, @received, @jurisdiction, @unit, @kind, @agency, @act, @document,
            @outcome, @outcome, @status, @by, @at, @index, {dialect.TextFromUtf8("@entry")}, {dialect.TextFromUtf8("@receipt")},
            @search || COALESCE(' ' || (SELECT search_text FROM identities WHERE commitment = @identity), ''), @identity,
            @referred, @waiting)
        ON CONFLICT (ledger_index) DO NOTHING
        RETURNING id, ledger_index
        """;

    private static readonly string[] InsertCaseParameters =
    [
        "@reference", "@received", "@jurisdiction", "@unit", "@kind", "@agency", "@act", "@document",
        "@outcome", "@status", "@by", "@at", "@index", "@entry", "@receipt", "@search", "@identity", "@referred", "@waiting",
    ];

    /// <summary>A new case's duty, to the case of its ledger entry (inserted by the statement before it).</summary>
    private const string InsertObligationOfEntry = """
        INSERT INTO obligations (case_id, rule, text, citations_json, kind, owed_to, due_basis, due_at)
        SELECT id, @rule, @text, @citations, @kind, @to, @due, @dueAt FROM cases WHERE ledger_index = @index
        ON CONFLICT DO NOTHING
        """;

    private static readonly string[] InsertObligationParameters = ["@index", "@rule", "@text", "@citations", "@kind", "@to", "@due", "@dueAt"];

    /// <summary>
    /// The statements a new case runs on SQLite, prepared once on the writer connection: SQLite
    /// parsed them again for every row otherwise, which cost more than the inserts themselves.
    /// </summary>
    private sealed class InsertStatements(DbConnection connection, Dialect dialect) : IDisposable
    {
        public DbConnection Connection { get; } = connection;

        public DbCommand Case { get; } = Sql.Prepare(connection, dialect, InsertCaseSql(dialect), InsertCaseParameters);

        public DbCommand Obligation { get; } = Sql.Prepare(connection, dialect, InsertObligationOfEntry, InsertObligationParameters);

        public void Dispose()
        {
            Case.Dispose();
            Obligation.Dispose();
        }
    }

    /// <summary>Records that a case was sent to counsel; it waits in counsel's queue until reviewed.</summary>
    public void AddReferral(long caseId, CaseEvent e) => database.Write((db, tx) =>
    {
        InsertEvent(db, tx, caseId, e);
        Sql.Execute(db, "UPDATE cases SET status = 'awaiting-counsel', waiting_since = @at WHERE id = @id", tx, ("@id", caseId), ("@at", Sql.Time(e.RecordedAt)));
        return 0;
    });

    /// <summary>
    /// Records counsel's verdict; the case's outcome in force becomes the one counsel settled on.
    /// <paramref name="items"/> are counsel's outcomes per data item (null: the whole request);
    /// <paramref name="duties"/>, when the verdict changed which duties hold, the duties in force
    /// after it: the others are marked withdrawn by the review, served ones stay served.
    /// </summary>
    public void AddReview(long caseId, CaseEvent e, ReviewVerdict verdict, Outcome outcome, string justification,
        IReadOnlyList<ItemOutcome>? items = null, SettledDuties? duties = null) => database.Write((db, tx) =>
    {
        InsertEvent(db, tx, caseId, e);
        var outcomeName = Vocabularies.Outcomes.Name(outcome);
        Sql.Execute(db, """
            INSERT INTO reviews (ledger_index, case_id, verdict, outcome, justification, reviewer, recorded_at, items_json)
            VALUES (@index, @case, @verdict, @outcome, @justification, @by, @at, @items)
            """, tx, ("@index", e.LedgerIndex), ("@case", caseId), ("@verdict", CaseVocabularies.Verdicts.Name(verdict)),
            ("@outcome", outcomeName), ("@justification", justification), ("@by", e.RecordedBy), ("@at", Sql.Time(e.RecordedAt)),
            ("@items", items is null ? null : ItemsJson(items)));
        Sql.Execute(db, "UPDATE cases SET status = 'reviewed', outcome = @outcome WHERE id = @id", tx, ("@id", caseId), ("@outcome", outcomeName));
        if (duties is not null)
            ReplaceDuties(db, tx, caseId, e.LedgerIndex, duties.Obligations, duties.Plans);
        return 0;
    });

    /// <summary>
    /// The duties of a case become <paramref name="obligations"/>: the others are marked withdrawn
    /// by the entry at <paramref name="ledgerIndex"/>, new ones are added, served ones stay served.
    /// </summary>
    private static void ReplaceDuties(DbConnection db, DbTransaction tx, long caseId, long ledgerIndex, IReadOnlyList<Obligation> obligations, IReadOnlyList<CaseDutyPlan>? plans)
    {
        Sql.Execute(db, "UPDATE obligations SET withdrawn_ledger_index = @index WHERE case_id = @case AND withdrawn_ledger_index IS NULL", tx,
            ("@index", ledgerIndex), ("@case", caseId));
        foreach (var o in obligations)
        {
            var plan = Plan(plans, o.Rule);
            (string, object?)[] values =
            [
                ("@case", caseId), ("@rule", o.Rule), ("@text", o.Text), ("@citations", JsonSerializer.Serialize(o.Citations, CasesJson.Default.IReadOnlyListString)),
                ("@kind", plan.Agency ? "agency" : "case"), ("@to", string.Join(',', plan.To)), ("@due", plan.Due), ("@dueAt", plan.DueAt is { } d ? Sql.Time(d) : null),
            ];
            Sql.Execute(db, InsertObligation, tx, values);
            Sql.Execute(db, """
                UPDATE obligations SET withdrawn_ledger_index = NULL, text = @text, citations_json = @citations, kind = @kind, owed_to = @to, due_basis = @due,
                    due_at = COALESCE(@dueAt, CASE WHEN due_basis = @due THEN due_at END)
                WHERE case_id = @case AND rule = @rule
                """, tx, values);
        }
    }

    private static string ItemsJson(IReadOnlyList<ItemOutcome> items)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var i in items)
                w.WriteString(Vocabularies.DataItems.Name(i.Item), Vocabularies.Outcomes.Name(i.Outcome));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IReadOnlyList<ItemOutcome>? ReadItems(string? json)
    {
        if (json is null)
            return null;
        using var doc = JsonDocument.Parse(json);
        var items = new List<ItemOutcome>();
        foreach (var p in doc.RootElement.EnumerateObject())
            if (Vocabularies.DataItems.TryParse(p.Name, out var item) && Vocabularies.Outcomes.TryParse(p.Value.GetString() ?? "", out var outcome))
                items.Add(new ItemOutcome(item, outcome));
        return items;
    }

    /// <summary>Records that an outstanding obligation was met.</summary>
    public void AddObligationServed(long caseId, CaseEvent e, string rule, string servedAt, string servedBy) => database.Write((db, tx) =>
    {
        InsertEvent(db, tx, caseId, e);
        Sql.Execute(db, """
            UPDATE obligations SET served_at = @at, served_by = @by, served_ledger_index = @index
            WHERE case_id = @case AND rule = @rule AND served_at IS NULL
            """, tx, ("@at", servedAt), ("@by", servedBy), ("@index", e.LedgerIndex), ("@case", caseId), ("@rule", rule));
        return 0;
    });

    /// <summary>
    /// Records a correction: the case takes the corrected request's particulars and its answer. When
    /// the corrected decision's outcome differs from the one it replaces, earlier reviews (of other
    /// facts) no longer settle the outcome: it becomes the new decision's, and the case waits for
    /// counsel again if that refers or if it was waiting already. When the outcome is the same,
    /// the outcome in force and where the case stands are kept. The duties become those of the new
    /// answer: ones it no longer lists are marked withdrawn by the correction, served ones stay served.
    /// </summary>
    public void AddCorrection(long caseId, CaseEvent e, CorrectedCase corrected) => database.Write((db, tx) =>
    {
        InsertEvent(db, tx, caseId, e);
        var r = corrected.Request;
        var decided = Vocabularies.Outcomes.Name(corrected.Outcome);
        string previous, outcome, status;
        using (var read = Sql.Command(db, "SELECT decided_outcome, outcome, status FROM cases WHERE id = @id", tx, ("@id", caseId)))
        using (var reader = read.ExecuteReader())
        {
            reader.Read();
            (previous, outcome, status) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
        var referred = string.Join(',', corrected.ReferredItems ?? []);
        var needsCounsel = corrected.Outcome == Outcome.ReferToCounsel || referred.Length > 0;
        var wasWaiting = status == "awaiting-counsel";
        if (previous != decided)
        {
            outcome = decided;
            status = needsCounsel || status == "awaiting-counsel" ? "awaiting-counsel" : "open";
        }
        else if (needsCounsel && status == "open")
            status = "awaiting-counsel";
        var search = SearchText(r);
        if (corrected.IdentityCommitment is { } commitment)
        {
            using var find = Sql.Command(db, "SELECT search_text FROM identities WHERE commitment = @c", tx, ("@c", commitment));
            if (find.ExecuteScalar() is string words)
                search += " " + words;
        }
        Sql.Execute(db, """
            UPDATE cases SET reference = @reference, received_at = @received, jurisdiction = @jurisdiction, unit = @unit, actor_kind = @kind,
                agency = @agency, act = @act, document_type = @document, decided_outcome = @decided, outcome = @outcome, status = @status,
                search_text = @search, identity = @identity, referred_items = @referred,
                waiting_since = CASE WHEN @waiting THEN COALESCE(waiting_since, @at) WHEN @status = 'awaiting-counsel' THEN @at ELSE waiting_since END
            WHERE id = @id
            """, tx, ("@reference", r.Id), ("@received", r.ReceivedAt), ("@jurisdiction", corrected.Stack), ("@unit", r.Actor.Unit),
            ("@kind", Vocabularies.ActorKinds.Name(r.Actor.Kind)), ("@agency", Vocabularies.Agencies.Name(r.Requester.Agency)),
            ("@act", Vocabularies.Acts.Name(r.Act)), ("@document", Vocabularies.DocumentTypes.Name(r.Document.Type)),
            ("@decided", decided), ("@outcome", outcome), ("@status", status), ("@search", search), ("@identity", corrected.IdentityCommitment), ("@id", caseId),
            ("@referred", referred), ("@waiting", wasWaiting && status == "awaiting-counsel"), ("@at", Sql.Time(e.RecordedAt)));
        ReplaceDuties(db, tx, caseId, e.LedgerIndex, corrected.Obligations, corrected.Duties);
        return 0;
    });

    /// <summary>Records that a case was voided: it stays, marked void, and nothing more is done on it.</summary>
    public void AddVoid(long caseId, CaseEvent e) => database.Write((db, tx) =>
    {
        InsertEvent(db, tx, caseId, e);
        Sql.Execute(db, "UPDATE cases SET status = 'void' WHERE id = @id", tx, ("@id", caseId));
        return 0;
    });

    /// <summary>Records what the unit did, and whether the decision in force allowed it.</summary>
    public void AddAction(long caseId, CaseEvent e, CaseAction action, DateTimeOffset? takenAt = null) => database.Write((db, tx) =>
    {
        InsertEvent(db, tx, caseId, e);
        // The interview fixes when the duties due before it fell due; a release (or ICE told of it) those due at release.
        var basis = action.Action switch
        {
            CaseActionKind.InterviewHeld => "before-interview",
            CaseActionKind.Released or CaseActionKind.Notified => "at-release",
            _ => null,
        };
        if (basis is not null && takenAt is { } at)
            Sql.Execute(db, "UPDATE obligations SET due_at = @at WHERE case_id = @case AND due_basis = @basis AND due_at IS NULL", tx,
                ("@at", Sql.Time(at)), ("@case", caseId), ("@basis", basis));
        Sql.Execute(db, """
            INSERT INTO case_actions (ledger_index, case_id, action, taken_at, receiving_agency, attorney_present, against_decision)
            VALUES (@index, @case, @action, @at, @agency, @attorney, @against)
            """, tx, ("@index", e.LedgerIndex), ("@case", caseId), ("@action", CaseVocabularies.Actions.Name(action.Action)), ("@at", action.TakenAt),
            ("@agency", action.ReceivingAgency), ("@attorney", action.AttorneyPresent is { } p ? (p ? 1 : 0) : null), ("@against", action.AgainstDecision));
        return 0;
    });

    /// <summary>Keeps an event that changes nothing of where the case stands (a notice printed): it joins the case's timeline.</summary>
    public void AddEvent(long caseId, CaseEvent e) => database.Write((db, tx) =>
    {
        InsertEvent(db, tx, caseId, e);
        return 0;
    });

    /// <summary>Keeps a document attached to a case, with its event.</summary>
    public void AddDocument(long caseId, CaseEvent e, CaseDocument document) => database.Write((db, tx) =>
    {
        InsertEvent(db, tx, caseId, e);
        Sql.Execute(db, """
            INSERT INTO case_documents (ledger_index, case_id, sha256, media_type, bytes) VALUES (@index, @case, @sha, @type, @bytes)
            """, tx, ("@index", e.LedgerIndex), ("@case", caseId), ("@sha", document.Sha256), ("@type", document.MediaType), ("@bytes", document.Bytes));
        return 0;
    });

    /// <summary>Keeps which case a disclosure cut in the web app was for.</summary>
    public void AddDisclosure(CaseDisclosure d) => database.Write((db, tx) => Sql.Execute(db, """
        INSERT INTO case_disclosures (disclosure_id, case_id, ledger_index, recorded_by, recorded_at, rows_read, rows_written, fields_kept, fields_dropped)
        VALUES (@id, @case, @index, @by, @at, @read, @written, @kept, @dropped)
        """, tx, ("@id", d.Id), ("@case", d.CaseId), ("@index", d.LedgerIndex), ("@by", d.RecordedBy), ("@at", Sql.Time(d.RecordedAt)),
        ("@read", d.RowsRead), ("@written", d.RowsWritten), ("@kept", d.FieldsKept), ("@dropped", d.FieldsDropped)));

    /// <summary>The disclosures cut for <paramref name="caseId"/>, oldest first (all cases' when null, newest first).</summary>
    public IReadOnlyList<CaseDisclosure> Disclosures(long? caseId) => database.Read(db => Sql.List(db,
        $"SELECT disclosure_id, case_id, ledger_index, recorded_by, recorded_at, rows_read, rows_written, fields_kept, fields_dropped FROM case_disclosures {(caseId is null ? "ORDER BY ledger_index DESC LIMIT 200" : "WHERE case_id = @case ORDER BY ledger_index")}",
        r => new CaseDisclosure(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), Sql.ParseTime(r.GetString(4)), r.GetInt64(5), r.GetInt64(6), r.GetInt32(7), r.GetInt32(8)),
        caseId is { } id ? [("@case", id)] : []));

    /// <summary>The case a disclosure was cut for in the web app; null when it was cut elsewhere (the API, the command line).</summary>
    public long? DisclosureCase(string disclosureId) => database.Read(db =>
    {
        using var command = Sql.Command(db, "SELECT case_id FROM case_disclosures WHERE disclosure_id = @id", null, ("@id", disclosureId));
        return command.ExecuteScalar() is long id ? id : (long?)null;
    });

    /// <summary>How many ledger entries the tables are known to reflect (see the projection table).</summary>
    public long ProjectedLedgerSize() => database.Read(db => Sql.Scalar(db, "SELECT ledger_size FROM projection WHERE id = 1"));

    public void SetProjectedLedgerSize(long size) => database.Write((db, tx) =>
        Sql.Execute(db, "UPDATE projection SET ledger_size = @n WHERE id = 1 AND ledger_size < @n", tx, ("@n", size)));

    /// <summary>Whether a case or a case event stands for the ledger entry at <paramref name="ledgerIndex"/>.</summary>
    public bool Holds(long ledgerIndex) => database.Read(db => Sql.Scalar(db,
        "SELECT EXISTS (SELECT 1 FROM cases WHERE ledger_index = @i) OR EXISTS (SELECT 1 FROM case_events WHERE ledger_index = @i)", null, ("@i", ledgerIndex)) != 0);

    /// <summary>Whether there is a case numbered <paramref name="id"/>.</summary>
    public bool Exists(long id) => database.Read(db => Sql.Scalar(db, "SELECT EXISTS (SELECT 1 FROM cases WHERE id = @id)", null, ("@id", id)) != 0);

    /// <summary>The case whose decision is the ledger entry at <paramref name="ledgerIndex"/>, if any.</summary>
    public long? FindByLedgerIndex(long ledgerIndex) => database.Read(db =>
    {
        using var command = Sql.Command(db, "SELECT id FROM cases WHERE ledger_index = @i", null, ("@i", ledgerIndex));
        return command.ExecuteScalar() is long id ? id : (long?)null;
    });

    public CaseDetail? Find(long id) => database.Read(db =>
    {
        CaseSummary? summary = null;
        CaseEvent? decision = null;
        string? identityCommitment = null;
        using (var command = Sql.Command(db, $"SELECT {SummaryColumns}, entry_json, receipt_json, identity FROM cases WHERE id = @id", null, ("@id", id)))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                summary = ReadSummary(reader);
                decision = new CaseEvent(summary.LedgerIndex, CaseEventKinds.Decision, summary.RecordedBy, summary.RecordedAt, reader.GetString(17), reader.GetString(18));
                identityCommitment = reader.NullableString(19);
            }
        }
        if (summary is null)
            return null;
        var obligations = Sql.List(db,
            "SELECT rule, text, citations_json, served_at, served_by, served_ledger_index, kind, owed_to, due_basis, due_at FROM obligations WHERE case_id = @id AND withdrawn_ledger_index IS NULL ORDER BY rowid",
            r => new CaseObligation(r.GetString(0), r.GetString(1), JsonSerializer.Deserialize(r.GetString(2), CasesJson.Default.IReadOnlyListString) ?? [],
                r.NullableString(3), r.NullableString(4), r.NullableInt64(5))
            {
                Agency = r.GetString(6) == "agency", To = Items(r.GetString(7)), Due = r.GetString(8), DueAt = r.IsDBNull(9) ? null : Sql.ParseTime(r.GetString(9)),
            }, ("@id", id));
        var events = Sql.List(db,
            "SELECT ledger_index, kind, recorded_by, recorded_at, body_json, receipt_json FROM case_events WHERE case_id = @id ORDER BY ledger_index",
            r => new CaseEvent(r.GetInt64(0), r.GetString(1), r.GetString(2), Sql.ParseTime(r.GetString(3)), r.GetString(4), r.GetString(5)), ("@id", id));
        var reviews = Sql.List(db,
            "SELECT ledger_index, verdict, outcome, justification, reviewer, recorded_at, items_json FROM reviews WHERE case_id = @id ORDER BY ledger_index",
            r => new CaseReview(r.GetInt64(0), CaseVocabularies.Verdicts.TryParse(r.GetString(1), out var v) ? v : ReviewVerdict.Confirm,
                r.GetString(2), r.GetString(3), r.GetString(4), Sql.ParseTime(r.GetString(5))) { Items = ReadItems(r.NullableString(6)) }, ("@id", id));
        var actions = Sql.List(db, """
            SELECT a.ledger_index, a.action, a.taken_at, a.receiving_agency, a.attorney_present, a.against_decision, e.recorded_by, e.recorded_at
            FROM case_actions a JOIN case_events e ON e.ledger_index = a.ledger_index WHERE a.case_id = @id ORDER BY a.ledger_index
            """,
            r => new CaseAction(r.GetInt64(0), CaseVocabularies.Actions.TryParse(r.GetString(1), out var k) ? k : CaseActionKind.Declined,
                r.GetString(2), r.NullableString(3), r.IsDBNull(4) ? null : r.GetInt64(4) != 0, r.NullableString(5), r.GetString(6), Sql.ParseTime(r.GetString(7))),
            ("@id", id));
        var documents = Sql.List(db, """
            SELECT d.ledger_index, d.sha256, d.media_type, d.bytes, e.recorded_by, e.recorded_at
            FROM case_documents d JOIN case_events e ON e.ledger_index = d.ledger_index WHERE d.case_id = @id ORDER BY d.ledger_index
            """,
            r => new CaseDocument(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), Sql.ParseTime(r.GetString(5))), ("@id", id));
        return new CaseDetail(summary, decision!, obligations, events, reviews, ReadIdentity(db, identityCommitment), actions) { Documents = documents };
    });

    public CasePage List(CaseQuery query)
    {
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, CaseQuery.MaxPageSize);
        var where = new StringBuilder("WHERE 1=1");
        var parameters = new List<(string, object?)>();
        if (query.Status is { } s)
        {
            where.Append(" AND status = @status");
            parameters.Add(("@status", CaseVocabularies.Statuses.Name(s)));
        }
        if (query.Outcome is { } o)
        {
            where.Append(" AND outcome = @outcome");
            parameters.Add(("@outcome", Vocabularies.Outcomes.Name(o)));
        }
        if (query.Act is { } a)
        {
            where.Append(" AND act = @act");
            parameters.Add(("@act", Vocabularies.Acts.Name(a)));
        }
        if (!string.IsNullOrWhiteSpace(query.Unit))
        {
            where.Append(" AND unit = @unit");
            parameters.Add(("@unit", query.Unit.Trim()));
        }
        if (query.OverdueAt is { } overdueAt)
        {
            where.Append(" AND status <> 'void' AND EXISTS (SELECT 1 FROM obligations o WHERE o.case_id = cases.id AND o.kind = 'case' AND o.served_at IS NULL AND o.withdrawn_ledger_index IS NULL AND o.due_at < @overdue)");
            parameters.Add(("@overdue", Sql.Time(overdueAt)));
        }
        var words = SearchWords.Of(query.Text);
        var dialect = database.Dialect;
        for (var i = 0; i < words.Length; i++)
        {
            // instr (strpos), not LIKE: a word is matched as written, '%' and '_' included; a number also
            // without its punctuation (A-123-456-789 finds a123456789).
            var compact = SearchWords.Compact(words[i]);
            if (compact.Length > 0 && compact != words[i])
            {
                where.Append($" AND ({dialect.Contains("search_text", $"@w{i}")} OR {dialect.Contains("search_text", $"@c{i}")})");
                parameters.Add(($"@c{i}", compact));
            }
            else
                where.Append($" AND {dialect.Contains("search_text", $"@w{i}")}");
            parameters.Add(($"@w{i}", words[i]));
        }
        return database.Read(db =>
        {
            var total = Sql.Scalar(db, $"SELECT COUNT(*) FROM cases {where}", null, [.. parameters]);
            var items = Sql.List(db, $"SELECT {SummaryColumns} FROM cases {where} ORDER BY id {(query.OldestFirst ? "ASC" : "DESC")} LIMIT @limit OFFSET @offset", ReadSummary,
                [.. parameters, ("@limit", size), ("@offset", (long)(page - 1) * size)]);
            return new CasePage(items, total, page, size);
        });
    }

    private const string InsertObligation =
        "INSERT INTO obligations (case_id, rule, text, citations_json, kind, owed_to, due_basis, due_at) VALUES (@case, @rule, @text, @citations, @kind, @to, @due, @dueAt) ON CONFLICT DO NOTHING";

    private static CaseDutyPlan Plan(IReadOnlyList<CaseDutyPlan>? plans, string rule) =>
        plans?.FirstOrDefault(p => p.Rule == rule) ?? new CaseDutyPlan(rule, false, ["person"], "on-receipt", null);

    /// <summary>
    /// The duties dashboard: open case duties (not served, not withdrawn, of cases not void),
    /// cases waiting for counsel and open records requests whose law sets a time to answer
    /// (<see cref="OpenDuty.Kind"/> <c>records-request</c>, <see cref="OpenDuty.CaseId"/> the
    /// request's number), for one unit or all; overdue first (due before <paramref name="now"/>),
    /// then by due time, then those without one (a referral, or a duty whose time is not known yet)
    /// oldest first. <paramref name="overdueOnly"/> keeps only the overdue.
    /// </summary>
    public DutyPage OpenDuties(string? unit, bool overdueOnly, DateTimeOffset now, int page = 1, int pageSize = CaseQuery.DefaultPageSize)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, CaseQuery.MaxPageSize);
        var nowText = Sql.Time(now);
        var unitFilter = string.IsNullOrWhiteSpace(unit) ? "" : " AND c.unit = @unit";
        var lines = $"""
            SELECT 'duty' AS kind, c.id, c.reference, c.unit, c.act, o.rule, o.text, o.owed_to, o.due_basis, o.due_at, NULL AS since, '' AS items,
                (SELECT COUNT(*) FROM case_actions a WHERE a.case_id = c.id AND a.against_decision IS NOT NULL) AS against,
                COALESCE(o.due_at, c.received_at) AS sort_time
            FROM obligations o JOIN cases c ON c.id = o.case_id
            WHERE o.kind = 'case' AND o.served_at IS NULL AND o.withdrawn_ledger_index IS NULL AND c.status <> 'void'{unitFilter}
            UNION ALL
            SELECT 'referral', c.id, c.reference, c.unit, c.act, NULL, NULL, '', NULL, NULL, COALESCE(c.waiting_since, c.recorded_at), c.referred_items,
                (SELECT COUNT(*) FROM case_actions a WHERE a.case_id = c.id AND a.against_decision IS NOT NULL),
                COALESCE(c.waiting_since, c.recorded_at)
            FROM cases c WHERE c.status = 'awaiting-counsel'{unitFilter}
            UNION ALL
            SELECT 'records-request', c.ledger_index, NULL, c.unit, '', NULL, c.cites_json, '', 'records-request', c.due_at, NULL, '', 0, c.due_at
            FROM records_requests c WHERE c.determination IS NULL AND c.due_at IS NOT NULL{unitFilter}
            """;
        var overdue = "(due_at IS NOT NULL AND due_at < @now)";
        var filter = overdueOnly ? $"WHERE {overdue}" : "";
        (string, object?)[] parameters = [("@unit", unit?.Trim()), ("@now", nowText)];
        return database.Read(db =>
        {
            var total = Sql.Scalar(db, $"SELECT COUNT(*) FROM ({lines}) AS duty_lines {filter}", null, parameters);
            var items = Sql.List(db, $"""
                SELECT * FROM ({lines}) AS duty_lines {filter}
                ORDER BY CASE WHEN {overdue} THEN 0 WHEN due_at IS NOT NULL THEN 1 ELSE 2 END, sort_time, id, rule
                LIMIT @limit OFFSET @offset
                """,
                r => new OpenDuty(r.GetString(0), r.GetInt64(1), r.NullableString(2), r.GetString(3), r.GetString(4), r.NullableString(5),
                    r.GetString(0) == RecordsEntryKinds.Request ? RecordsRequestDuty(r.GetString(6)) : r.NullableString(6),
                    Items(r.GetString(7)), r.NullableString(8), r.IsDBNull(9) ? null : Sql.ParseTime(r.GetString(9)),
                    r.IsDBNull(10) ? null : Sql.ParseTime(r.GetString(10)), Items(r.GetString(11)),
                    !r.IsDBNull(9) && string.CompareOrdinal(r.GetString(9), nowText) < 0, r.GetInt32(12)),
                [.. parameters, ("@limit", pageSize), ("@offset", (long)(page - 1) * pageSize)]);
            return new DutyPage(items, total, page, pageSize);
        });
    }

    /// <summary>A records request's line on the dashboard: what is due, with the law that sets the time (its first citation).</summary>
    private static string RecordsRequestDuty(string citesJson)
    {
        var cites = JsonSerializer.Deserialize(citesJson, CasesJson.Default.IReadOnlyListString) ?? [];
        return "Records request: determine whether it seeks disclosable public records and notify the requester"
            + (cites.Count > 0 ? $" ({cites[0]})" : "");
    }

    private static void InsertEvent(DbConnection db, DbTransaction tx, long caseId, CaseEvent e) =>
        Sql.Execute(db, """
            INSERT INTO case_events (ledger_index, case_id, kind, recorded_by, recorded_at, body_json, receipt_json)
            VALUES (@index, @case, @kind, @by, @at, @body, @receipt)
            """, tx, ("@index", e.LedgerIndex), ("@case", caseId), ("@kind", e.Kind), ("@by", e.RecordedBy),
            ("@at", Sql.Time(e.RecordedAt)), ("@body", e.BodyJson), ("@receipt", e.ReceiptJson));

    private static CaseSummary ReadSummary(DbDataReader r) => new(
        r.GetInt64(0), r.NullableString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetString(7), r.GetString(8), CaseVocabularies.Statuses.TryParse(r.GetString(9), out var s) ? s : CaseStatus.Open,
        r.GetString(10), Sql.ParseTime(r.GetString(11)), r.GetInt64(12), r.NullableString(13), r.GetInt32(14),
        Items(r.GetString(15)), r.IsDBNull(16) ? null : Sql.ParseTime(r.GetString(16)));

    private static string[] Items(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string SearchText(DecisionRequest r) => string.Join(' ',
        new[] { r.Id, r.Actor.Unit, Vocabularies.Agencies.Name(r.Requester.Agency), r.Requester.Office, r.Requester.Officer,
            Vocabularies.Acts.Name(r.Act), Vocabularies.DocumentTypes.Name(r.Document.Type) }
        .Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
}
