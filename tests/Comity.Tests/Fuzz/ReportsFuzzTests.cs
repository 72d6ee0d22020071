using Comity.Cases;
using Comity.Tests.Fuzz.Support;
using Comity.Tests.Server.Support;
using CsCheck;

namespace Comity.Tests.Fuzz;

/// <summary>
/// The reports endpoints (reports.md section 9) on the real server in process, with paths, query
/// strings and draft bodies built from their own parameters and every kind of value: each answers
/// 2xx, or refuses 400/404 (422 when a report's own checks fail) as problem+json; never 500. The compliance report and the access audit take from, to, jurisdiction and file.
/// Draft bodies always name their formats without pdf, so no Chromium is started.
/// </summary>
public sealed class ReportsFuzzTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] Parameters = ["jurisdiction", "copy", "page", "", "copy[]", "from", "to", "file"];

    private static readonly string[] Values =
        ["", "public", "internal", "PUBLIC", "us/ca/los-angeles", "us%2Fca%2Flos-angeles", "us/tx/austin", "us/zz/nowhere", "..%2F..%2Fetc", "0", "-1", "2147483648",
         "%00", "%FF", "%E2%80%AE", "'%20OR%201=1--", new string('a', 3000),
         "2025-01-01", "2025-12-31", "2025-02-30", "9999-12-31", "1999-12-31", "c1_overdue_obligations.csv", "report.html", "a2_access_by_user.csv"];

    private static readonly string[] Reports = ["truth-act", "sb54", "transparency", "compliance", "access-audit", "TRUTH-ACT", "x", "..", "%2E%2E"];

    private static readonly string[] Periods = ["2025", "2024", "1999", "9999", "2026-Q1", "2025-Q4", "2025-Q5", "0000", "20250", "-2025", "2025%01", "Q1-2025"];

    // The in-process test server refuses a path holding a NUL before the app sees it (Kestrel answers 400): NUL goes in queries only.
    private static readonly string[] Files = ["manifest.json", "t1_access_by_type.csv", "report.html", "..%2Fmanifest.json", ".hidden", "nothing.csv", "%7F", new string('f', 200)];

    private static readonly string[] BodyKeys = ["jurisdiction", "copy", "checkpoint", "draft", "reason", "unknown"];

    private static readonly string[] BodyValues = ["\"us/ca/los-angeles\"", "\"us/tx/austin\"", "\"nowhere\"", "\"public\"", "\"internal\"", "0", "-1", "99999999999", "null", "true", "[]", "{}", "\"\"", "1.5"];

    private static readonly string[] Formats = ["\"csv\"", "\"\"", "\"docx\"", "\"csv,,\"", "\"CSV\"", "3"];

    private static readonly Gen<string> Queries = Gen.Select(Gen.Int[0, Parameters.Length - 1], Gen.Int[0, Values.Length - 1])
        .Array[0, 3].Select(pairs => string.Join("&", pairs.Select(p => $"{Parameters[p.Item1]}={Values[p.Item2]}")));

    private static readonly Gen<string> Bodies = Gen.Select(Gen.Select(Gen.Int[0, BodyKeys.Length - 1], Gen.Int[0, BodyValues.Length - 1]).Array[0, 3], Gen.Int[0, Formats.Length - 1])
        .Select((pairs, f) => "{" + string.Join(",", pairs.DistinctBy(p => p.Item1).Select(p => $"\"{BodyKeys[p.Item1]}\":{BodyValues[p.Item2]}").Append($"\"formats\":{Formats[f]}")) + "}");

    private static Gen<int> Pick<T>(T[] values) => Gen.Int[0, values.Length - 1];

    [Fact]
    public async Task Report_paths_queries_and_drafts_are_answered_or_refused_as_problems_never_500()
    {
        await server.Decide();
        server.PublishedReport();
        using var counsel = server.Api(Role.Counsel);
        using var admin = server.Api(Role.Admin);

        Gen.Select(Gen.Int[0, 7], Gen.Select(Pick(Reports), Pick(Periods), Pick(Files), Gen.Int[-2, 3]), Queries, Bodies).Sample((door, path, query, body) =>
        {
            var (r, p, f, n) = path;
            var (report, period, file) = (Reports[r], Periods[p], Files[f]);
            using var response = door switch
            {
                0 => counsel.GetAsync($"/api/v1/reports?{query}").GetAwaiter().GetResult(),
                1 => counsel.GetAsync($"/api/v1/reports/{report}/{period}?{query}").GetAwaiter().GetResult(),
                2 => counsel.GetAsync($"/api/v1/reports/{report}/{period}/versions/{n}?{query}").GetAwaiter().GetResult(),
                3 => counsel.GetAsync($"/api/v1/reports/{report}/{period}/versions/{n}/files/{file}?{query}").GetAwaiter().GetResult(),
                4 => counsel.PostAsync($"/api/v1/reports/{report}/{period}/drafts", ServerFixture.Json(body)).GetAwaiter().GetResult(),
                6 => counsel.GetAsync($"/api/v1/reports/compliance?{query}").GetAwaiter().GetResult(),
                7 => admin.GetAsync($"/api/v1/reports/access-audit?{query}").GetAwaiter().GetResult(),
                _ => counsel.PostAsync($"/api/v1/reports/{report}/{period}/versions", ServerFixture.Json(body.Replace("\"formats\":", "\"unused\":", StringComparison.Ordinal))).GetAwaiter().GetResult(),
            };
            var status = (int)response.StatusCode;
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (status is >= 200 and < 300)
                return;
            Assert.True(status is 400 or 404 or 405 or 422, $"door {door} {report}/{period}/{n}/{file}?{query} {body} answered {status}: {text}");
            if (status != 405 && !(status == 404 && text.Length == 0))
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }, iter: Fuzzing.Iterations(Fuzzing.PerDoor), threads: 1);
    }
}
