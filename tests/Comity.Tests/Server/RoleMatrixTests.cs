using System.Net;
using Comity.Cases;
using Comity.Tests.Server.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Server;

/// <summary>
/// The role matrix, written out here independently of the server's own table: for every endpoint of
/// the API and every page and form of the web app, anonymous callers are refused (API 401; pages
/// redirect to sign-in), a role without the right gets 403, and a role with it succeeds. Mutating
/// calls get fresh state for each attempt, so that a success is never hidden by a conflict.
/// </summary>
public abstract class RoleMatrixTests(ServerFixture server)
{
    private static readonly Role[] Everyone = Enum.GetValues<Role>();
    private static readonly Role[] Deciders = [Role.Intake, Role.Supervisor];
    private static readonly Role[] Readers = [Role.Intake, Role.Supervisor, Role.Counsel, Role.Auditor];
    private static readonly Role[] Counsel = [Role.Counsel];
    private static readonly Role[] UserReaders = [Role.Admin, Role.Auditor];
    private static readonly Role[] Admins = [Role.Admin];
    private static readonly Role[] Supervisors = [Role.Supervisor];
    private static readonly Role[] AccessReaders = [Role.Supervisor, Role.Auditor];
    private static readonly Role[] Auditors = [Role.Auditor];
    private static readonly Role[] ReportReaders = [Role.Supervisor, Role.Counsel, Role.Auditor, Role.Admin];
    private static readonly Role[] Publishers = [Role.Counsel, Role.Admin];
    private static readonly Role[] AccessAuditors = [Role.Auditor, Role.Admin];

    /// <summary>The LA example received a day later: a correction that changes a fact.</summary>
    private static string Correction() =>
        $"{{\"request\":{File.ReadAllText(Comity.Tests.Support.RepoRoot.Combine("examples/la/detainer-robbery.json")).Replace("2025-06-02T08:00:00-07:00", "2025-06-03T08:00:00-07:00", StringComparison.Ordinal)},\"reason\":\"data-entry-error\"}}";

    private const string RecordsRequest = "{\"unit\":\"lapd\",\"receivedAt\":\"2025-06-02T09:00:00-07:00\",\"asked\":\"E-mails with ICE in May\",\"requester\":\"A reporter\"}";

    private const string Justification = "The document is a judicial warrant after all; see the attached copy.";

    /// <summary>One call: the route pattern it exercises, how to make the concrete request, who may, and what success is.</summary>
    private sealed record Call(string Method, string Pattern, Func<ServerFixture, Task<(string Path, string? Body)>> Make, Role[] Allowed, HttpStatusCode Success,
        Func<HttpContent>? Content = null);

    private static Call Get(string pattern, Role[] allowed, Func<ServerFixture, Task<string>>? path = null) =>
        new("GET", pattern, async s => (path is null ? pattern : await path(s), null), allowed, HttpStatusCode.OK);

    private static readonly Call[] ApiCalls =
    [
        new("POST", "/api/v1/decisions", _ => Task.FromResult(("/api/v1/decisions", (string?)File.ReadAllText(Comity.Tests.Support.RepoRoot.Combine("examples/la/detainer-robbery.json")))), Deciders, HttpStatusCode.Created),
        new("POST", "/api/v1/evaluations", _ => Task.FromResult(("/api/v1/evaluations", (string?)File.ReadAllText(Comity.Tests.Support.RepoRoot.Combine("examples/la/detainer-robbery.json")))), Deciders, HttpStatusCode.OK),
        Get("/api/v1/cases", Readers),
        Get("/api/v1/cases/{id:long}", Readers, async s => $"/api/v1/cases/{await s.Decide()}"),
        Get("/api/v1/reviews", Readers),
        Get("/api/v1/duties", Readers),
        new("POST", "/api/v1/cases/{id:long}/referrals", async s => ($"/api/v1/cases/{await s.Decide()}/referrals", "{\"note\":\"please look\"}"), Deciders, HttpStatusCode.Created),
        new("POST", "/api/v1/cases/{id:long}/reviews", async s => ($"/api/v1/cases/{await s.Decide()}/reviews",
            $"{{\"verdict\":\"override\",\"outcome\":\"permit\",\"justification\":\"{Justification}\"}}"), Counsel, HttpStatusCode.Created),
        new("POST", "/api/v1/cases/{id:long}/obligations/{rule}/served", async s => ($"/api/v1/cases/{await s.Decide()}/obligations/ca.7283-1.b/served",
            "{\"servedAt\":\"2025-06-02T09:00-07:00\",\"servedBy\":\"Officer Diaz\"}"), Deciders, HttpStatusCode.Created),
        new("POST", "/api/v1/cases/{id:long}/corrections", async s => ($"/api/v1/cases/{await s.Decide()}/corrections", Correction()), Deciders, HttpStatusCode.Created),
        new("POST", "/api/v1/cases/{id:long}/void", async s => ($"/api/v1/cases/{await s.Decide()}/void", "{\"reason\":\"duplicate\"}"), Supervisors, HttpStatusCode.Created),
        new("POST", "/api/v1/cases/{id:long}/actions", async s => ($"/api/v1/cases/{await s.Decide()}/actions",
            "{\"action\":\"released\",\"at\":\"2025-06-03T10:00-07:00\"}"), Deciders, HttpStatusCode.Created),
        Get("/api/v1/cases/{id:long}/verification", Readers, async s => $"/api/v1/cases/{await s.Decide()}/verification"),
        Get("/api/v1/cases/{id:long}/notices", Readers, async s => $"/api/v1/cases/{await s.Decide()}/notices"),
        Get("/api/v1/cases/{id:long}/notices/{notice}", Deciders, async s => $"/api/v1/cases/{await s.Decide()}/notices/request-notice?language=es"),
        new("POST", "/api/v1/cases/{id:long}/documents", async s => ($"/api/v1/cases/{await s.Decide()}/documents", null), Deciders, HttpStatusCode.Created, DocumentUpload),
        Get("/api/v1/cases/{id:long}/documents/{sha256}", Readers, async s => await Attached(s, "/api/v1")),
        Get("/api/v1/ledger/checkpoint", Readers),
        Get("/api/v1/ledger/key", Readers),
        Get("/api/v1/ledger/entries/{index:long}/inclusion", Readers, async s => { await s.Decide(); return "/api/v1/ledger/entries/0/inclusion"; }),
        Get("/api/v1/ledger/consistency", Readers, async s => { await s.Decide(); return "/api/v1/ledger/consistency?from=1"; }),
        new("POST", "/api/v1/disclosures", _ => Task.FromResult(("/api/v1/disclosures", (string?)null)), Deciders, HttpStatusCode.Created, ServerFixture.ExampleDisclosure),
        Get("/api/v1/disclosures/{id}", Readers, async s => $"/api/v1/disclosures/{await s.Disclose()}"),
        Get("/api/v1/disclosures/{id}/export", Readers, async s => $"/api/v1/disclosures/{await s.Disclose()}/export?purpose=audit"),
        Get("/api/v1/cases/{id:long}/access-log", AccessReaders, async s => $"/api/v1/cases/{await s.Decide()}/access-log"),
        Get("/api/v1/access-log", Auditors, _ => Task.FromResult("/api/v1/access-log?user=as-intake")),
        Get("/api/v1/access-log/users", Auditors),
        new("POST", "/api/v1/users/{name}/unlock", s => Task.FromResult(($"/api/v1/users/{s.LockedUser()}/unlock", (string?)null)), Admins, HttpStatusCode.NoContent),
        Get("/api/v1/users", UserReaders),
        new("POST", "/api/v1/users", _ => Task.FromResult(("/api/v1/users", (string?)$"{{\"name\":\"u{Guid.NewGuid():N}\",\"roles\":[\"intake\"]}}")), Admins, HttpStatusCode.Created),
        new("POST", "/api/v1/users/{name}/tokens", _ => Task.FromResult(("/api/v1/users/as-intake/tokens", (string?)"{\"label\":\"another system\"}")), Admins, HttpStatusCode.Created),
        new("DELETE", "/api/v1/tokens/{id:long}", s => Task.FromResult(($"/api/v1/tokens/{s.NewToken()}", (string?)null)), Admins, HttpStatusCode.NoContent),
        // Webhook endpoints on the discard port of this machine: nothing is ever sent off it.
        new("POST", "/api/v1/records-requests", _ => Task.FromResult(("/api/v1/records-requests", (string?)RecordsRequest)), Deciders, HttpStatusCode.Created),
        Get("/api/v1/records-requests", Readers),
        Get("/api/v1/records-requests/{id:long}", Readers, async s => $"/api/v1/records-requests/{await s.NewRecordsRequest()}"),
        new("POST", "/api/v1/records-requests/{id:long}/extensions", async s => ($"/api/v1/records-requests/{await s.NewRecordsRequest()}/extensions",
            "{\"reason\":\"voluminous-records\",\"expectedBy\":\"2025-06-20\",\"note\":\"Three offices hold the e-mails\"}"), Supervisors, HttpStatusCode.Created),
        new("POST", "/api/v1/records-requests/{id:long}/determination", async s => ($"/api/v1/records-requests/{await s.NewRecordsRequest()}/determination",
            "{\"determination\":\"none-held\",\"reasons\":\"The unit holds no such records\"}"), Deciders, HttpStatusCode.Created),
        Get("/api/v1/webhooks", UserReaders),
        new("POST", "/api/v1/webhooks", _ => Task.FromResult(("/api/v1/webhooks", (string?)"{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"report.published\"]}")), Admins, HttpStatusCode.Created),
        new("DELETE", "/api/v1/webhooks/{id:long}", s => Task.FromResult(($"/api/v1/webhooks/{s.NewWebhook()}", (string?)null)), Admins, HttpStatusCode.NoContent),
        Get("/api/v1/webhooks/{id:long}/deliveries", UserReaders, s => Task.FromResult($"/api/v1/webhooks/{s.NewWebhook()}/deliveries")),
        Get("/api/v1/reports", ReportReaders),
        Get("/api/v1/reports/{report}/{period}", ReportReaders, s => { s.PublishedReport(); return Task.FromResult("/api/v1/reports/truth-act/2025"); }),
        Get("/api/v1/reports/{report}/{period}/versions/{n:int}", ReportReaders, s => Task.FromResult($"/api/v1/reports/truth-act/2025/versions/{s.PublishedReport()}")),
        Get("/api/v1/reports/{report}/{period}/versions/{n:int}/files/{file}", ReportReaders,
            s => Task.FromResult($"/api/v1/reports/truth-act/2025/versions/{s.PublishedReport()}/files/t1_access_by_type.csv?copy=public")),
        Get("/api/v1/reports/compliance", ReportReaders, _ => Task.FromResult("/api/v1/reports/compliance?from=2025-01-01&to=2025-12-31")),
        Get("/api/v1/reports/access-audit", AccessAuditors, _ => Task.FromResult("/api/v1/reports/access-audit?from=2025-01-01&to=2030-12-31")),
        new("POST", "/api/v1/reports/{report}/{period}/drafts", _ => Task.FromResult(("/api/v1/reports/truth-act/2025/drafts", (string?)"{\"formats\":\"csv\"}")), ReportReaders, HttpStatusCode.Created),
        new("POST", "/api/v1/reports/{report}/{period}/versions", s => Task.FromResult(("/api/v1/reports/truth-act/2025/versions",
            (string?)$"{{\"draft\":\"{s.ReportDraft()}\",\"reason\":\"role matrix\"}}")), Publishers, HttpStatusCode.Created),
        new("GET", "/api/v1/schema/decision-request", _ => Task.FromResult(("/api/v1/schema/decision-request", (string?)null)), Everyone, HttpStatusCode.OK),
    ];

    private static MultipartFormDataContent DocumentUpload()
    {
        var file = new ByteArrayContent(Comity.Tests.Support.FillablePdf.FilledI247A());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "document", "i-247a.pdf" } };
    }

    /// <summary>A case with the test I-247A attached (by intake, through the API); returns where the document is downloaded, under <paramref name="prefix"/>.</summary>
    private static async Task<string> Attached(ServerFixture s, string prefix)
    {
        var id = await s.Decide();
        var response = await s.Api(Role.Intake).PostAsync($"/api/v1/cases/{id}/documents", DocumentUpload());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return $"{prefix}/cases/{id}/documents/{json.RootElement.GetProperty("sha256").GetString()}";
    }

    private static Call Form(string pattern, string handler, Role[] allowed, Func<ServerFixture, Task<(string Page, string Query)>> make, HttpStatusCode success = HttpStatusCode.Redirect) =>
        new("POST", pattern + "#" + handler, async s =>
        {
            var (page, fields) = await make(s);
            return (page + (handler.Length > 0 ? $"?handler={handler}" : ""), fields);
        }, allowed, success);

    private const string IntakeFields =
        "Form.Act=hold&Form.Purpose=civil-immigration&Form.Agency=ice-ero&Form.DocumentType=i-247a&Form.Receiver=us%2Fca%2Flos-angeles%3Alapd&Form.ReceivedDate=2025-06-02&Form.ReceivedTime=08:00";

    private static readonly Call[] PageCalls =
    [
        Get("/", Everyone),
        Get("/intake", Deciders),
        Get("/cases", Readers),
        Get("/cases/{id:long}", Readers, async s => $"/cases/{await s.Decide()}"),
        Get("/cases/{id:long}?verify=true", Readers, async s => $"/cases/{await s.Decide()}?verify=true"),
        Get("/reviews", Readers),
        Get("/duties", Readers),
        Get("/ledger", Readers),
        Get("/ledger/replay", Readers),
        Get("/admin/users", UserReaders),
        Get("/cases/export", Readers, _ => Task.FromResult("/cases/export?purpose=audit")),
        Get("/cases/{id:long}/documents/{sha256}", Readers, async s => await Attached(s, "")),
        new("GET", "/cases/{id:long}/documents", async s => ($"/cases/{await s.Decide()}/documents", null), Deciders, HttpStatusCode.Redirect),
        Get("/cases/{id:long}/notices/{notice}", Deciders, async s => $"/cases/{await s.Decide()}/notices/request-notice?language=es"),
        Get("/cases/{id:long}/disclosures", Readers, async s => $"/cases/{await s.Decide()}/disclosures"),
        Get("/disclosures/{id}", Readers, async s => $"/disclosures/{await s.Disclose()}"),
        Get("/disclosures/{id}/export", Readers, async s => $"/disclosures/{await s.Disclose()}/export?purpose=audit"),
        Get("/account/password", Everyone),
        Form("/intake", "check", Deciders, _ => Task.FromResult(("/intake", IntakeFields)), HttpStatusCode.OK),
        Form("/intake", "edit", Deciders, _ => Task.FromResult(("/intake", IntakeFields)), HttpStatusCode.OK),
        Form("/intake", "record", Deciders, _ => Task.FromResult(("/intake", IntakeFields))),
        Form("/cases/{id:long}", "Refer", Deciders, async s => ($"/cases/{await s.Decide()}", "Note=please")),
        Form("/cases/{id:long}", "Review", Counsel, async s => ($"/cases/{await s.Decide()}", $"Verdict=confirm&Justification={Uri.EscapeDataString(Justification)}")),
        Form("/cases/{id:long}", "Serve", Deciders, async s => ($"/cases/{await s.Decide()}", "Rule=ca.7283-1.b&ServedAt=2025-06-02T09:00&ServedBy=Officer+Diaz")),
        // Each change to users is confirmed (Confirmed=true: the confirmation's own button) and then redirects (POST-redirect-GET).
        Form("/admin/users", "Add", Admins, _ => Task.FromResult(("/admin/users", $"Name=u{Guid.NewGuid():N}&NewRoles=intake&Confirmed=true"))),
        Form("/admin/users", "Reset", Admins, s => Task.FromResult(("/admin/users", $"UserId={s.NewUser()}&Confirmed=true"))),
        Form("/admin/users", "Toggle", Admins, s => Task.FromResult(("/admin/users", $"UserId={s.NewUser()}&Confirmed=true"))),
        Form("/admin/users", "Unlock", Admins, s => Task.FromResult(("/admin/users", $"UserId={s.Find(s.LockedUser())}&Confirmed=true"))),
        Form("/admin/users", "Token", Admins, s => Task.FromResult(("/admin/users", $"UserId={s.NewUser()}&Label=system&Confirmed=true"))),
        Form("/admin/users", "Revoke", Admins, s => Task.FromResult(("/admin/users", $"TokenId={s.NewToken()}&Confirmed=true"))),
        Get("/cases/{id:long}/access-log", AccessReaders, async s => $"/cases/{await s.Decide()}/access-log"),
        Get("/access-log", Auditors),
        Get("/records-requests", Readers),
        Form("/records-requests", "", Deciders, _ => Task.FromResult(("/records-requests",
            "Receiver=us%2Fca%2Flos-angeles%3Alapd&ReceivedAt=2025-06-02T09%3A00&Asked=E-mails+with+ICE&Requester=A+reporter"))),
        Form("/cases/{id:long}/documents", "", Deciders, async s => ($"/cases/{await s.Decide()}/documents", "")),
        Form("/cases/{id:long}/disclosures", "", Deciders, async s => ($"/cases/{await s.Decide()}/disclosures", "Catalog=booking-records"), HttpStatusCode.BadRequest),
        Form("/ledger", "Verify", Readers, _ => Task.FromResult(("/ledger", ""))),
        Get("/reports", ReportReaders),
        Get("/reports/internal/compliance", ReportReaders, _ => Task.FromResult("/reports/internal/compliance?from=2025-01-01&to=2025-12-31")),
        Get("/reports/internal/access-audit", AccessAuditors, _ => Task.FromResult("/reports/internal/access-audit?from=2025-01-01&to=2030-12-31&file=a2_access_by_user.csv")),
        Get("/reports/drafts/{id}/{file}", ReportReaders, s => Task.FromResult($"/reports/drafts/{s.ReportDraft()}/t1_access_by_type.csv")),
        Get("/reports/files/{jurisdiction}/{report}/{period}/{copy}/{version}/{file}", ReportReaders,
            s => Task.FromResult($"/reports/files/us-ca-los-angeles/truth-act/2025/public/v{s.PublishedReport()}/manifest.json")),
        Form("/reports", "preview", ReportReaders, _ => Task.FromResult(("/reports", "Jurisdiction=us%2Fca%2Flos-angeles&Report=truth-act&Period=2025&Copy=internal"))),
        Form("/reports", "publish", Publishers, s => Task.FromResult(("/reports", $"draft={s.ReportDraft()}&Reason=role+matrix"))),
        Form("/intake", "prefill", Deciders, _ => Task.FromResult(("/intake", "")), HttpStatusCode.OK),
    ];

    [Fact]
    public async Task Api_every_endpoint_answers_each_role_as_the_matrix_says()
    {
        var wrong = new List<string>();
        foreach (var call in ApiCalls)
        {
            foreach (var role in new Role?[] { null }.Concat(Everyone.Cast<Role?>()))
            {
                var (path, body) = await call.Make(server);
                var request = new HttpRequestMessage(new HttpMethod(call.Method), path);
                if (call.Content is not null)
                    request.Content = call.Content();
                else if (body is not null)
                    request.Content = ServerFixture.Json(body);
                var response = await server.Api(role).SendAsync(request);
                var expected = call.Allowed.Length == Everyone.Length ? call.Success
                    : role is null ? HttpStatusCode.Unauthorized
                    : call.Allowed.Contains(role.Value) ? call.Success : HttpStatusCode.Forbidden;
                if (response.StatusCode != expected)
                    wrong.Add($"{call.Method} {path} as {Name(role)}: {(int)response.StatusCode}, expected {(int)expected} {await response.Content.ReadAsStringAsync()}");
                else if ((int)expected is 401 or 403 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    wrong.Add($"{call.Method} {path} as {Name(role)}: {(int)expected} without problem+json");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task App_every_page_and_form_answers_each_role_as_the_matrix_says()
    {
        var wrong = new List<string>();
        foreach (var call in PageCalls)
        {
            foreach (var role in new Role?[] { null }.Concat(Everyone.Cast<Role?>()))
            {
                var client = await SignedIn(role);
                var (path, fields) = await call.Make(server);
                HttpResponseMessage response;
                if (call.Method == "GET")
                    response = await client.GetAsync(path);
                else
                {
                    var form = role is null ? [] : await ServerFixture.Antiforgery(client, "/account/password");
                    foreach (var pair in (fields ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)))
                        form[Uri.UnescapeDataString(pair[0])] = Uri.UnescapeDataString(pair[1].Replace('+', ' '));
                    response = await client.PostAsync(path, new FormUrlEncodedContent(form));
                }
                string outcome;
                if (role is null)
                    outcome = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/signin", StringComparison.Ordinal)
                        ? "sign-in" : $"{(int)response.StatusCode}";
                else
                    outcome = $"{(int)response.StatusCode}";
                var expected = role is null ? "sign-in"
                    : role is null || call.Allowed.Contains(role.Value) ? $"{(int)call.Success}" : "403";
                if (outcome != expected)
                    wrong.Add($"{call.Method} {path} as {Name(role)}: {outcome}, expected {expected}");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_api_endpoint_and_page_is_in_the_matrix()
    {
        var tested = ApiCalls.Concat(PageCalls).Select(c => $"{c.Method} {c.Pattern.Split('?', '#')[0]}").ToHashSet();
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith("/openapi", StringComparison.Ordinal) && !raw.StartsWith("/assets", StringComparison.Ordinal)
                // Operators' endpoints answer anyone, by design (tests/Comity.Tests/Operations).
                && raw is not ("/healthz" or "/readyz" or "/metrics") && !raw.StartsWith("status", StringComparison.Ordinal) && !raw.StartsWith("/status", StringComparison.Ordinal)
                && raw is not ("/signin" or "signin" or "/signout" or "signout")
                // Public by design, for residents without an account (reports.md section 6): TransparencyPageTests covers them.
                && !raw.StartsWith("/transparency", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                .Select(m => $"{m} {"/" + e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct()
            .ToArray();
        // Razor pages answer GET and POST alike; a page without a POST handler is covered by its GET.
        var missing = endpoints.Where(e => !tested.Contains(e) && !(e.StartsWith("POST ", StringComparison.Ordinal) && tested.Contains("GET " + e[5..]))).ToArray();
        Assert.Empty(missing);
    }

    private readonly Dictionary<Role, HttpClient> _signedIn = [];

    /// <summary>One signed-in client per role (signing in hashes a password, on purpose slowly).</summary>
    private async Task<HttpClient> SignedIn(Role? role)
    {
        if (role is not { } r)
            return await server.App(null);
        if (!_signedIn.TryGetValue(r, out var client))
            _signedIn[r] = client = await server.App(r);
        return client;
    }

    private static string Name(Role? role) => role is { } r ? Roles.Names.Name(r) : "anonymous";
}

public sealed class RoleMatrixTestsOnSqlite(ServerFixture server) : RoleMatrixTests(server), IClassFixture<ServerFixture>;

public sealed class RoleMatrixTestsOnPostgres(PostgresServerFixture server) : RoleMatrixTests(server), IClassFixture<PostgresServerFixture>;
