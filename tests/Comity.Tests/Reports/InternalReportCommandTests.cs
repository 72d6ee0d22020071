using Comity.Cases;
using Comity.Recording;
using Comity.Tests.Cli.Support;
using Comity.Tests.Reports.Support;

namespace Comity.Tests.Reports;

/// <summary>
/// <c>comity report compliance</c> and <c>access-audit</c> (reports.md section 7): the user named by
/// <c>--by</c> must hold a role the report needs (compliance: supervisor, counsel, auditor, admin;
/// the access audit: auditor, admin), and the audit lists the ledger's access entries, flagging an
/// export recorded without a purpose.
/// </summary>
public sealed class InternalReportCommandTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_internal_reports_need_their_roles_and_the_audit_reads_the_ledgers_access_entries()
    {
        using var site = new ReportSite();
        var decided = await site.Decide("""{"id":"R-1","receivedAt":"2026-03-02T09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true}}""");
        var recorder = new AccessRecorder(site.Folder.Ledger);
        await recorder.RecordAsync(new StaffRead(At, "lee", [Role.Intake], "api", AccessActions.IdentitySearch, "/api/v1/cases", null,
            [new("q", "Someone Searched")], AccessPurpose.CaseWork, null, 2));
        await recorder.RecordAsync(new StaffRead(At.AddMinutes(5), "lee", [Role.Intake], "page", AccessActions.CaseRead, "/cases/{id}", decided.CaseId, [], null, null, 1));
        // An export recorded without a purpose (another door than the server, which refuses one): flagged.
        await recorder.RecordAsync(new StaffRead(At.AddDays(1), "kim", [Role.Supervisor], "page", AccessActions.Export, "/cases/export", null, [new("status", "open")], null, null, 7));
        // A read outside the range is left out.
        await recorder.RecordAsync(new StaffRead(At.AddDays(40), "kim", [Role.Supervisor], "page", AccessActions.CaseRead, "/cases/{id}", decided.CaseId, [], null, null, 1));
        var data = site.DataFolder;
        site.Folder.Dispose();
        using (var database = CaseDatabase.Open(data))
        {
            var users = new UserStore(database);
            foreach (var (name, role) in new[] { ("lee", Role.Intake), ("kim", Role.Supervisor), ("ada", Role.Auditor) })
                Assert.True(users.TryAdd(name, name, [role], "not-a-hash", false, At, out _));
        }
        using var outDir = Repo.TempDir();
        string[] Args(string report, string by, string folder) =>
            ["report", report, "--from", "2026-03-01", "--to", "2026-03-31", "--data", data, "--out", Path.Combine(outDir.Path, folder), "--by", by,
             .. report == "compliance" ? new[] { "--stack", site.StackDirectory } : []];

        var intakeAudit = await ComityCli.RunAsync(Args("access-audit", "lee", "a"));
        CliExamples.AssertExit(2, intakeAudit);
        Assert.Contains("--by lee: the access-audit report needs the role auditor or admin", intakeAudit.Stderr, StringComparison.Ordinal);
        var supervisorAudit = await ComityCli.RunAsync(Args("access-audit", "kim", "b"));
        CliExamples.AssertExit(2, supervisorAudit);
        var nobody = await ComityCli.RunAsync(Args("access-audit", "nobody", "c"));
        CliExamples.AssertExit(2, nobody);
        Assert.Contains("--by nobody: there is no such user", nobody.Stderr, StringComparison.Ordinal);
        var intakeCompliance = await ComityCli.RunAsync(Args("compliance", "lee", "d"));
        CliExamples.AssertExit(2, intakeCompliance);
        Assert.Contains("the compliance report needs the role supervisor, counsel, auditor or admin", intakeCompliance.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(outDir.Path, "a")));

        CliExamples.AssertExit(0, await ComityCli.RunAsync(Args("compliance", "kim", "e")));
        var audit = await ComityCli.RunAsync(Args("access-audit", "ada", "f"));
        CliExamples.AssertExit(0, audit);
        var caseId = decided.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            "at,user,role,action,target,case_id,purpose,records\r\n" +
            "2026-03-04T10:00:00Z,lee,intake,identity-search,/api/v1/cases fields=q,,case-work,2\r\n" +
            $"2026-03-04T10:05:00Z,lee,intake,case-read,/cases/{{id}},{caseId},,1\r\n" +
            "2026-03-05T10:00:00Z,kim,supervisor,export,/cases/export fields=status,,,7\r\n",
            File.ReadAllText(Path.Combine(outDir.Path, "f", "a1_access_log.csv")));
        Assert.Equal(
            "user,role,case_reads,identity_searches,exports,reads_without_purpose,flags\r\n" +
            "kim,supervisor,0,0,1,1,export;no-purpose\r\n" +
            "lee,intake,1,1,0,1,identity-search\r\n",
            File.ReadAllText(Path.Combine(outDir.Path, "f", "a2_access_by_user.csv")));
        Assert.DoesNotContain("Someone", string.Concat(Directory.GetFiles(Path.Combine(outDir.Path, "f")).Select(File.ReadAllText)), StringComparison.OrdinalIgnoreCase);
    }
}
