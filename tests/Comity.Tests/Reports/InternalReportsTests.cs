using System.Net;
using System.Text.Json;
using Comity.Cases;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Reports;

/// <summary>
/// The internal reports (reports.md section 7, issue 21 point 4) on the real server: the compliance
/// report lists the duty not served, the override, the referral waiting and the action the decision
/// did not allow, each by case id and never by name; the access audit lists the staff reads and the
/// identity search with its purpose and without its words, and flags the searcher.
/// </summary>
public sealed class InternalReportsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string Today = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> Decide(string name)
    {
        var json = File.ReadAllText(RepoRoot.Combine("examples/la/detainer-robbery.json"))
            .Replace("\"inCustody\": true,", $"\"inCustody\": true, \"identity\": {{ \"name\": \"{name}\", \"bookingNumber\": \"BK-4411\" }},", StringComparison.Ordinal);
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(json));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<Dictionary<string, List<string[]>>> Tables(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("tables").EnumerateObject().ToDictionary(t => t.Name,
            t => t.Value.EnumerateArray().Select(r => r.EnumerateArray().Select(f => f.GetString()!).ToArray()).ToList());
    }

    [Fact]
    public async Task Compliance_lists_duties_overrides_referrals_and_actions_by_case_id_never_by_name()
    {
        var referred = await Decide("Ana Referida");
        var overridden = await Decide("Bruno Anulado");
        var transferred = await Decide("Carla Trasladada");
        var served = await Decide("Dora Servida");
        Assert.Equal(HttpStatusCode.Created, (await server.Api(Role.Intake).PostAsync($"/api/v1/cases/{referred}/referrals", ServerFixture.Json("""{"note":"Ana Referida says she has a U visa"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.Api(Role.Counsel).PostAsync($"/api/v1/cases/{overridden}/reviews",
            ServerFixture.Json("""{"verdict":"override","outcome":"permit","justification":"The document is a judicial warrant after all; see the attached copy."}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.Api(Role.Supervisor).PostAsync($"/api/v1/cases/{transferred}/actions",
            ServerFixture.Json("""{"action":"transferred","at":"2025-06-03T10:00-07:00","receivingAgency":"ice-ero"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.Api(Role.Intake).PostAsync($"/api/v1/cases/{served}/obligations/ca.7283-1.b/served",
            ServerFixture.Json("""{"servedAt":"2025-06-02T09:00-07:00","servedBy":"Officer Diaz"}"""))).StatusCode);

        var response = await server.Api(Role.Counsel).GetAsync($"/api/v1/reports/compliance?from=2025-06-01&to={Today}");
        var text = await response.Content.ReadAsStringAsync();
        var tables = await Tables(response);
        string Id(long c) => c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["case_id", "unit", "act", "received_at", "obligation_rule", "notice", "open_since", "hours_open", "over_target"], tables["c1_overdue_obligations.csv"][0]);
        var c1 = tables["c1_overdue_obligations.csv"].Skip(1).ToList();
        Assert.Contains(c1, r => r[0] == Id(referred) && r[4] == "ca.7283-1.b" && r[5] == "copy-of-request-and-intent" && r[8] == "yes");
        Assert.DoesNotContain(c1, r => r[0] == Id(served) && r[4] == "ca.7283-1.b");
        var c2 = Assert.Single(tables["c2_counsel_overrides.csv"].Skip(1));
        Assert.Equal([Id(overridden), "lapd", "hold", "2025-06-02T08:00:00-07:00", "deny", "permit", "as-counsel"], c2[..7]);
        var c3 = Assert.Single(tables["c3_referrals_waiting.csv"].Skip(1));
        Assert.Equal(Id(referred), c3[0]);
        Assert.Equal("referred-by-staff", c3[6]);
        var c4 = Assert.Single(tables["c4_actions_against_decision.csv"].Skip(1));
        Assert.Equal([Id(transferred), "lapd", "hold", "deny", "transferred", "2025-06-03T10:00-07:00", "as-supervisor"], c4);
        Assert.Contains(tables["c6_units_without_records.csv"].Skip(1), r => r[0] == "port-police" && r[5] == "none");
        Assert.DoesNotContain(tables["c6_units_without_records.csv"].Skip(1), r => r[0] == "lapd");
        foreach (var name in new[] { "Referida", "Anulado", "Trasladada", "BK-4411", "U visa" })
            Assert.DoesNotContain(name, text, StringComparison.Ordinal);

        // The same as CSV and as the staff page.
        var csv = await server.Api(Role.Auditor).GetStringAsync($"/api/v1/reports/compliance?from=2025-06-01&to={Today}&file=c2_counsel_overrides.csv");
        Assert.StartsWith("case_id,unit,act,received_at,decided_outcome,reviewed_outcome,reviewed_by,reviewed_at,deciding_rules\r\n" + Id(overridden) + ",lapd,hold,", csv, StringComparison.Ordinal);
        var page = await (await server.App(Role.Supervisor)).GetStringAsync($"/reports/internal/compliance?from=2025-06-01&to={Today}");
        Assert.Contains("Decisions counsel overrode", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Anulado", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_access_audit_lists_reads_and_searches_without_their_words_and_flags_the_searcher()
    {
        var id = await Decide("Elena Buscada");
        var supervisor = server.Api(Role.Supervisor);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/v1/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/v1/cases?q=Buscada")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/v1/cases?q=Buscada&purpose=case-work")).StatusCode);

        var tables = await Tables(await server.Api(Role.Auditor).GetAsync($"/api/v1/reports/access-audit?from=2025-01-01&to={Today}"));
        var a1 = tables["a1_access_log.csv"];
        Assert.Equal(["at", "user", "role", "action", "target", "case_id", "purpose", "records"], a1[0]);
        Assert.Contains(a1, r => r[1] == "as-supervisor" && r[3] == "case-read" && r[5] == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && r[7] == "1");
        Assert.Contains(a1, r => r[1] == "as-supervisor" && r[3] == "identity-search" && r[4] == "/api/v1/cases fields=q" && r[6] == "case-work" && r[7] == "1");
        Assert.DoesNotContain(a1.SelectMany(r => r), f => f.Contains("Buscada", StringComparison.Ordinal));
        var a2 = tables["a2_access_by_user.csv"].Single(r => r[0] == "as-supervisor");
        Assert.Equal(["as-supervisor", "supervisor"], a2[..2]);
        Assert.True(int.Parse(a2[2], System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("1", a2[3]);
        Assert.Equal("identity-search", a2[6]);
    }

    [Theory]
    [InlineData("/api/v1/reports/compliance?from=2025-13-01&to=2025-12-31", "from")]
    [InlineData("/api/v1/reports/compliance?from=2025-01-01", "to")]
    [InlineData("/api/v1/reports/compliance?from=2025-12-31&to=2025-01-01", "to")]
    [InlineData("/api/v1/reports/compliance?from=2025-01-01&to=2025-12-31&jurisdiction=us%2Fzz", "jurisdiction")]
    [InlineData("/api/v1/reports/access-audit?from=1999-01-01&to=2025-12-31", "from")]
    public async Task Bad_ranges_are_a_400_problem_naming_the_parameter(string path, string where)
    {
        var response = await server.Api(Role.Auditor).GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(where, doc.RootElement.GetProperty("errors")[0].GetProperty("path").GetString());
    }
}
