using System.CommandLine;
using System.Globalization;
using Comity.Cases;
using Comity.Law;
using Comity.Recording;
using Comity.Ledger;
using Comity.Storage;
using Comity.Reports;
using Comity.Reports.Publishing;
using Comity.Reports.TruthAct.Forum;

namespace Comity.Cli.Commands;

/// <summary>
/// <c>comity report truth-act|sb54</c>: the reports of reports.md, derived from the ledger in
/// --data. Exit codes: 0 written (certified zero included), 2 bad arguments, 3 privacy audit
/// failed, 4 a C8 check failed, 5 checkpoint or projection not verified.
/// </summary>
internal static class ReportCommand
{
    private const string ExitCodesHelp = "Exit codes: 0 written (a certified zero included), 2 bad arguments, 3 privacy audit failed (no public copy written), 4 a consistency check (C8) failed, 5 checkpoint or projection not verified.";

    public static Command Create() => new("report", "Reports derived from the ledger (reports.md): the TRUTH Act forum report (R1) and the SB 54 exports to the DOJ (R2). " + ExitCodesHelp)
    {
        TruthAct(), Sb54(), TransparencyPage(), Compliance(), AccessAudit(),
    };

    private static readonly Option<string> From = new("--from") { HelpName = "YYYY-MM-DD", Description = "the first day of the range", Required = true };
    private static readonly Option<string> To = new("--to") { HelpName = "YYYY-MM-DD", Description = "the last day of the range (inclusive)", Required = true };

    private static Command Compliance()
    {
        var command = new Command("compliance", "Internal, for staff and counsel (never published; roles supervisor, counsel, auditor or admin, --by): for the requests received from --from to --to, as the ledger stood at the end of the range, c1_overdue_obligations.csv (duties not served, hours open, over the 24-hour target), c2_counsel_overrides.csv, c3_referrals_waiting.csv, c4_actions_against_decision.csv, c5_reconciliation.csv (the C8 checks of each year's R1, and its headline totals against the latest published version), c6_units_without_records.csv and report.html; cases by id, never by name. Exit codes: 0 written, 2 bad arguments.")
        {
            From, To, DataOptions.Data, DataOptions.Store, Out, StackDir, By, Purpose, Note,
        };
        command.SetAction(result => RunInternal(result, ReportRoles.Read, (ledger, from, to) =>
        {
            var stackDir = result.GetValue(StackDir)!;
            var stack = StackLoader.Load(stackDir);
            var mapping = ReportMapping.Load(stackDir, stack);
            var location = DataOptions.Location(result);
            using var database = Stores.OpenCases(location);
            using var cases = new CaseStore(database);
            // c5 counts R1 from the kept projection, as truth-act does (without ProjectionFolder it replayed the whole ledger).
            var maker = new ReportMaker(ledger, stack, mapping, PersonKeys.ForDataFolder(location.DataFolder), c => cases.FindIdentity(c)?.Identity)
            {
                Store = new ReportStore(location.DataFolder),
                ProjectionFolder = location.DataFolder,
            };
            return Comity.Reports.Internal.InternalReports.Compliance(ledger, mapping, from, to, cases.FindByLedgerIndex, maker: maker);
        }));
        return command;
    }

    private static Command AccessAudit()
    {
        var command = new Command("access-audit", "Internal, for auditors (never published; roles auditor or admin, --by): every staff read of a case, search of the case list, export, disclosure and report fetch from --from to --to (UTC days), from the ledger's access entries: a1_access_log.csv (with each read's purpose and records returned, never what was searched), a2_access_by_user.csv (flags bulk-read, identity-search, export, no-purpose) and report.html. Exit codes: 0 written, 2 bad arguments or a role the user does not hold.")
        {
            From, To, DataOptions.Data, DataOptions.Store, Out, By, Purpose, Note,
        };
        command.SetAction(result => RunInternal(result, ReportRoles.AccessAudit, Comity.Reports.Internal.InternalReports.Access));
        return command;
    }

    private static int RunInternal(ParseResult result, Role[] roles, Func<TransparencyLog, DateOnly, DateOnly, IReadOnlyDictionary<string, byte[]>> make)
    {
        return BadInput.Guard(() =>
        {
            var from = Comity.Reports.Internal.InternalReports.Date(result.GetValue(From), "--from");
            var to = Comity.Reports.Internal.InternalReports.Date(result.GetValue(To), "--to");
            var outDir = result.GetValue(Out)!;
            if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
                throw new ReportException($"--out {outDir}: the folder is not empty (a report is written to an empty or new folder, so no file of another report is mixed in)");
            var location = DataOptions.Location(result);
            var dataDir = location.DataFolder;
            if (!location.IsPostgres && !File.Exists(Path.Combine(dataDir, TransparencyLog.DatabaseFileName)))
                throw new ReportException($"--data {dataDir}: there is no ledger here");
            var command = result.CommandResult.Command.Name;
            var by = result.GetValue(By)!;
            IReadOnlyList<Role> held;
            using (var database = CaseDatabase.Open(location))
                held = ReportRoles.Require(new UserStore(database), by, roles, $"the {command} report");
            var purpose = PurposeOf(result);
            using var ledger = OpenForRecording(location);
            var files = make(ledger, from, to);
            RecordRun(ledger, by, held, command == "access-audit" ? AccessActions.AuditRead : AccessActions.ReportFetch,
                $"comity report {command} {from:yyyy-MM-dd}..{to:yyyy-MM-dd}", purpose);
            Directory.CreateDirectory(outDir);
            foreach (var (name, bytes) in files)
                File.WriteAllBytes(Path.Combine(outDir, name), bytes);
            Console.Out.WriteLine($"wrote {files.Count} files to {outDir} (internal: for staff, never published)");
            return ExitCodes.Decided;
        });
    }

    private static readonly Option<int> Year = new("--year") { HelpName = "YYYY", Description = "the calendar year reported", Required = true };

    private static readonly Option<string> Out = new("--out")
    {
        HelpName = "DIR", Description = "the folder to write the files to; it must be empty or absent", Required = true,
    };

    private static readonly Option<long?> CheckpointOption = new("--checkpoint")
    {
        HelpName = "N", Description = "rebuild the report as the ledger stood at tree size N (default: the latest signed checkpoint)",
    };

    private static readonly Option<string> StackDir = new("--stack")
    {
        HelpName = "DIR",
        Description = "the stack whose report mapping (reports/mapping.json) and units the report uses; default stacks/us/ca/los-angeles",
        DefaultValueFactory = _ => Path.Combine(Environment.GetEnvironmentVariable("COMITY_STACKS") ?? "stacks", "us", "ca", "los-angeles"),
    };

    private static readonly Option<string> Formats = new("--formats")
    {
        HelpName = "csv,html,pdf",
        Description = "which formats to write: csv (the tables, always), html (report.html and the SVG charts), pdf (report.pdf, printed by headless Chromium); default all three",
        DefaultValueFactory = _ => "csv,html,pdf",
    };

    private static readonly Option<bool> Publish = new("--publish")
    {
        Description = "publish: sign the report (manifest.sig, a signed note over the manifest's SHA-256 with the ledger key), record a 'report' ledger entry and keep the files in DATA/reports, never to change; version 2 and later carry changes.csv, corrections.csv and the reason. Roles counsel or admin (--by). While `comity serve` runs on DATA it holds the ledger's write lock, so this fails (exit 2): publish from the server instead, on its Reports page (/reports) or with POST /api/v1/reports/{report}/{period}/versions",
    };

    private static readonly Option<string?> Reason = new("--reason")
    {
        HelpName = "TEXT", Description = "why this version is published; required from version 2 on (a correction, a late entry)",
    };

    private static readonly Option<string> By = new("--by")
    {
        HelpName = "USER",
        Description = "who runs the command: a user in DATA holding a role it needs (a draft and compliance: supervisor, counsel, auditor or admin; publishing: counsel or admin, and the ledger entry names them; access-audit: auditor or admin). Every run is recorded as an access ledger entry naming them (so the ledger must not be held by a running `comity serve`). Default: the account running the command; a data folder without users trusts its operator",
        DefaultValueFactory = _ => Environment.UserName,
    };

    private static readonly Option<string?> Purpose = new("--purpose")
    {
        HelpName = "case-work|counsel-review|records-request|audit|report|other",
        Description = "why you run the report, kept in its access ledger entry (reports.md P8); other needs --note",
    };

    private static readonly Option<string?> Note = new("--note")
    {
        HelpName = "TEXT", Description = "what the purpose is (required with --purpose other; at most 200 characters, no name or number of a person: it is kept in the ledger)",
    };

    private static AccessPurposeCheck PurposeOf(ParseResult result)
    {
        var check = AccessPurposes.Check(result.GetValue(Purpose), result.GetValue(Note), required: false, AccessPurposes.WordsOf([]));
        return check.Ok ? check : throw new ReportException($"--{check.Parameter} {check.Problem}");
    }

    /// <summary>
    /// Opens the ledger for writing: a report run is a read of what the ledger records, kept as an
    /// <c>access</c> entry like the server's report fetches (reports.md P8), so it cannot run unrecorded.
    /// </summary>
    private static TransparencyLog OpenForRecording(Storage.StoreLocation location)
    {
        try
        {
            return Storage.Stores.OpenLedger(location, new LedgerOptions());
        }
        catch (LedgerException e) when (e.HeldByAnotherProcess)
        {
            throw new ReportException($"{e.Message}: every report run is recorded as an access entry (reports.md P8), and `comity serve` holds the ledger while it runs; make the report on its Reports page (/reports) or with GET and POST /api/v1/reports, which record it");
        }
    }

    /// <summary>Records the run before any file is written: a run the ledger does not hold writes nothing.</summary>
    private static void RecordRun(TransparencyLog ledger, string by, IReadOnlyList<Role> roles, string action, string route, AccessPurposeCheck purpose) =>
        new AccessRecorder(ledger).RecordAsync(new StaffRead(DateTimeOffset.UtcNow, by, roles, "cli", action, route, null, [], purpose.Purpose, purpose.Note, null)).GetAwaiter().GetResult();

    private static Command TruthAct()
    {
        var copy = new Option<string>("--copy")
        {
            HelpName = "public|internal",
            Description = "public (the default): small counts withheld by the privacy rules of reports.md section 3; internal: exact, for staff",
            DefaultValueFactory = _ => ReportMaker.Public,
        };
        copy.AcceptOnlyFromAmong(ReportMaker.Public, ReportMaker.Internal);
        var unit = new Option<string?>("--unit")
        {
            HelpName = "UNIT",
            Description = "one agency's own report: a law-enforcement or jail unit of the report mapping (lapd, port-police), counted with the units within it; its versions are kept under the period YYYY-UNIT. Default: the governing body's report over every unit",
        };
        var forum = new Option<string?>("--forum")
        {
            HelpName = "FILE",
            Description = "the community forum the report is for, as JSON (governingBody, date YYYY-MM-DD, time HH:mm, place, accessibility and interpretation {contact, phone, email}, reportAt: where the report is; optional policies [{unit, title, file or sha256}]: the units' policies the report's appendix lists with their SHA-256, a file read beside the forum file): writes notice_en.html and notice_es.html from the stack's templates (reports/forum-notice), with the day to publish the notice by, 30 days before the forum; warns when that day is past",
        };
        var command = new Command("truth-act", "R1: data for the TRUTH Act community forum (Cal. Gov. Code 7283.1(d)) for a calendar year, for the governing body or one agency (--unit): t1_*.csv to t11_*.csv, data_dictionary.csv, certified_zero.txt when no request was recorded, report.html and report.pdf, notice_en.html and notice_es.html with --forum, changes.csv and corrections.csv once an earlier version is published, manifest.json. Without publishing, the output is a draft. " + ExitCodesHelp)
        {
            Year, DataOptions.Data, DataOptions.Store, Out, copy, unit, forum, CheckpointOption, StackDir, Formats, Publish, Reason, By, Purpose, Note,
        };
        command.SetAction(result => Run(result, maker => maker.TruthAct(result.GetValue(Year), result.GetValue(copy)!, result.GetValue(CheckpointOption), result.GetValue(unit)), forum: forum));
        return command;
    }

    private static Command Sb54()
    {
        var command = new Command("sb54", "R2: the SB 54 exports to the DOJ (Cal. Gov. Code 7284.6(c)) for a calendar year, exact and without personal data: e2_transfers.csv, e2_summary.csv, e3_task_forces.csv, their JSON Schemas, data_dictionary.csv, manifest.json. " + ExitCodesHelp)
        {
            Year, DataOptions.Data, DataOptions.Store, Out, CheckpointOption, StackDir, Formats, Publish, Reason, By, Purpose, Note,
        };
        command.SetAction(result => Run(result, maker => maker.Sb54(result.GetValue(Year), result.GetValue(CheckpointOption))));
        return command;
    }

    /// <summary>The forum file and the stack's notice templates; today is the day where the units are, so the publish-by warning speaks of their calendar.</summary>
    private static ForumRequest Forum(string file, string stackDir, ReportMapping mapping)
    {
        if (!File.Exists(file))
            throw new ReportException($"--forum {file}: there is no such file");
        // A policy's file is read beside the forum file, and only its SHA-256 is kept.
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var details = ForumDetails.Parse(File.ReadAllBytes(file), file, policy => File.ReadAllBytes(Path.Combine(folder, policy)));
        details.CheckUnits(mapping, file);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, mapping.TimeZone).DateTime);
        return new ForumRequest(details, ForumNoticeTemplate.LoadAll(stackDir), today);
    }

    private static Command TransparencyPage()
    {
        var through = new Option<string>("--through") { HelpName = "YYYY-Qn", Description = "the last quarter covered: the page shows the last complete year and each complete quarter since", Required = true };
        var command = new Command("transparency", "R3: the public transparency page (/transparency) through a quarter: index.html, r3_headline.csv, r3_transfers_by_basis.csv, r3_non_person_requests.csv, r3_never_do.csv, r3_reports.csv, data_dictionary.csv, manifest.json; always a public copy. The server shows the latest published version. " + ExitCodesHelp)
        {
            through, DataOptions.Data, DataOptions.Store, Out, CheckpointOption, StackDir, Formats, Publish, Reason, By, Purpose, Note,
        };
        command.SetAction(result => Run(result, maker => maker.Transparency(result.GetValue(through)!, new ReportStore(result.GetValue(DataOptions.Data)!), result.GetValue(CheckpointOption)), checkYear: false));
        return command;
    }

    private static int Run(ParseResult result, Func<ReportMaker, ReportBuild> make, bool checkYear = true, Option<string?>? forum = null)
    {
        return BadInput.Guard(() =>
        {
            var year = result.GetValue(Year);
            if (checkYear && year is < 2000 or > 9998)
                throw new ReportException($"--year {year.ToString(CultureInfo.InvariantCulture)}: give a calendar year such as 2025");
            var outDir = result.GetValue(Out)!;
            if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
                throw new ReportException($"--out {outDir}: the folder is not empty (a report is written to an empty or new folder, so no file of another report is mixed in)");
            var location = DataOptions.Location(result);
            var dataDir = location.DataFolder;
            if (!location.IsPostgres && !File.Exists(Path.Combine(dataDir, TransparencyLog.DatabaseFileName)))
                throw new ReportException($"--data {dataDir}: there is no ledger here");
            var stackDir = result.GetValue(StackDir)!;
            var stack = StackLoader.Load(stackDir);
            var mapping = ReportMapping.Load(stackDir, stack);
            var publish = result.GetValue(Publish);
            if (!publish && result.GetValue(Reason) is not null)
                throw new ReportException("--reason goes with --publish: a draft has no reason");
            using var database = CaseDatabase.Open(location);
            var by = result.GetValue(By)!;
            // Drafts need the roles the server's Reports page needs; publishing, counsel or admin (reports.md sections 7 and 9).
            var held = publish
                ? ReportRoles.Require(new UserStore(database), by, ReportRoles.Publish, "publishing a report")
                : ReportRoles.Require(new UserStore(database), by, ReportRoles.Read, "a report");
            var purpose = PurposeOf(result);
            using var ledger = OpenForRecording(location);
            using var cases = new CaseStore(database);
            var maker = new ReportMaker(ledger, stack, mapping, PersonKeys.ForDataFolder(dataDir), c => cases.FindIdentity(c)?.Identity)
            {
                ForPublishing = publish,
                Forum = forum is not null && result.GetValue(forum) is { } forumFile ? Forum(forumFile, stackDir, mapping) : null,
                Store = new ReportStore(dataDir),
                Reason = result.GetValue(Reason),
                ProjectionFolder = dataDir,
            };
            var build = make(maker);
            if (maker.ProjectionNote is { } how)
                Console.Error.WriteLine($"comity: projection: {how}");
            foreach (var message in build.Messages)
                Console.Error.WriteLine($"comity: {message}");
            if (build.Status != ReportStatus.Written)
                return (int)build.Status;
            Comity.Reports.Formats.ReportFormats.Apply(build, result.GetValue(Formats)!);
            var m = build.Manifest;
            var route = $"comity report {result.CommandResult.Command.Name} {m.Period} {m.Copy}";
            // The run is recorded before any file is written: a run the ledger does not hold writes nothing.
            void RecordRunAndWrite()
            {
                RecordRun(ledger, by, held, AccessActions.ReportFetch, route, purpose);
                Directory.CreateDirectory(outDir);
                foreach (var (name, bytes) in build.Files)
                    File.WriteAllBytes(Path.Combine(outDir, name), bytes);
            }
            if (publish)
            {
                var published = ReportPublisher.PublishAsync(ledger, new ReportStore(dataDir), build, result.GetValue(Reason), by, DateTimeOffset.UtcNow).GetAwaiter().GetResult();
                RecordRunAndWrite();
                Console.Out.WriteLine($"published {published.Report} {published.Period} ({published.Copy}) version {published.Version}: manifest SHA-256 {published.ManifestSha256}, recorded as ledger entry {published.LedgerIndex}; {build.Files.Count} files in {outDir} and {published.Folder}");
                return ExitCodes.Decided;
            }
            build.Files["manifest.json"] = build.Manifest.Write(build.Files);
            RecordRunAndWrite();
            Console.Out.WriteLine($"wrote {build.Files.Count} files to {outDir} (draft: not published; ledger checkpoint {build.Manifest.TreeSize} {build.Manifest.RootHash})");
            return ExitCodes.Decided;
        });
    }
}
