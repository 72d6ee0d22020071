using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;
using Comity.Server.Hosting;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Server;

/// <summary>
/// POST /api/v1/disclosures through the real HTTP pipeline: the cut and its manifest as the
/// command line makes them, denied fields never in the download, the 1373 floor never dropped
/// silently, bad uploads refused with their place and nothing released, and an upload far larger
/// than what the server may hold streamed through.
/// </summary>
public sealed class DisclosuresApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_example_is_cut_as_the_command_line_cuts_it_recorded_and_downloadable()
    {
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/disclosures", ServerFixture.ExampleDisclosure());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/api/v1/disclosures/[0-9a-f]{32}$", location);
        Assert.Equal($"<{location}/export>; rel=\"export\"", response.Headers.GetValues("Link").Single());
        var body = await response.Content.ReadAsStringAsync();
        using var manifest = JsonDocument.Parse(body);
        var m = manifest.RootElement;

        // The manifest as handed out is the one kept, and its export is the doc's cut, byte for byte.
        Assert.Equal(body.TrimEnd('\n'), (await server.Api(Role.Auditor).GetStringAsync(location)).TrimEnd('\n'));
        // The cut export is records taken out: without a purpose it is refused, naming the parameter (P8).
        var refused = await server.Api(Role.Auditor).GetAsync(location + "/export");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("purpose", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetProperty("path").GetString());
        var download = await server.Api(Role.Auditor).GetAsync(location + "/export?purpose=records-request");
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        var read = Comity.Recording.AccessRecorder.Between(ledger, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)))
            .Last(r => r.Entry.Route == "/api/v1/disclosures/{id}/export");
        Assert.Equal((Comity.Recording.AccessActions.Export, Comity.Recording.AccessPurpose.RecordsRequest), (read.Entry.Action, read.Entry.Purpose));
        var cut = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal("cii_number,immigration_status,charge_code,charge_description\nA1234567,not recorded,PC 459,\"burglary, second degree\"\nA1234567,not recorded,PC 148(a)(1),\"resisting \"\"a peace officer\"\"\"\n",
            Encoding.UTF8.GetString(cut));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(cut)), m.GetProperty("output").GetProperty("sha256").GetString());
        Assert.Equal(location + "/export", m.GetProperty("output").GetProperty("file").GetString());
        var input = File.ReadAllBytes(RepoRoot.Combine("examples/la/booking-export.csv"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(input)), m.GetProperty("input").GetProperty("sha256").GetString());
        // Named by its format only: the uploaded file's own name is never kept.
        Assert.Equal("export.csv", m.GetProperty("input").GetProperty("file").GetString());
        Assert.Equal("stacks/us/ca/los-angeles/catalog/booking-records.json", m.GetProperty("catalog").GetProperty("file").GetString());
        Assert.Equal(2, m.GetProperty("output").GetProperty("rows").GetInt64());

        // Recorded in the ledger, by whom, with the manifest the receipt vouches for.
        var index = m.GetProperty("receipt").GetProperty("index").GetInt64();
        var entry = ledger.Read(index);
        Assert.Equal("disclosure", entry.Kind);
        Assert.Equal(ServerFixture.UserName(Role.Intake), entry.Body.GetProperty("recordedBy").GetString());
        Assert.Equal(m.GetProperty("output").GetProperty("sha256").GetString(), entry.Body.GetProperty("manifest").GetProperty("output").GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task An_export_named_after_the_person_leaves_the_name_out_of_the_manifest_and_the_ledger()
    {
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var upload = ServerFixture.DisclosureUpload(File.ReadAllText(RepoRoot.Combine("examples/la/disclose-booking.json")),
            ServerFixture.Csv(File.ReadAllBytes(RepoRoot.Combine("examples/la/booking-export.csv"))), "Maria Example Zamora bookings.csv",
            ServerFixture.BookingCatalog, "cii_number=A1234567");

        var response = await server.Api(Role.Intake).PostAsync("/api/v1/disclosures", upload);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Zamora", body, StringComparison.Ordinal);
        var index = JsonDocument.Parse(body).RootElement.GetProperty("receipt").GetProperty("index").GetInt64();
        Assert.DoesNotContain("Zamora", ledger.Read(index).Body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Zamora", await server.Api(Role.Auditor).GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_under_the_1373_floor_is_withheld_pending_counsel_with_a_warning_never_silently()
    {
        // The example's request made in 2025 for civil immigration enforcement: the ordinance keeps status confidential.
        var civil2025 = File.ReadAllText(RepoRoot.Combine("examples/la/disclose-booking.json"))
            .Replace("2019-06-03", "2025-06-02", StringComparison.Ordinal).Replace("criminal-immigration", "civil-immigration", StringComparison.Ordinal);
        var upload = ServerFixture.DisclosureUpload(civil2025, ServerFixture.Csv(File.ReadAllBytes(RepoRoot.Combine("examples/la/booking-export.csv"))),
            "booking-export.csv", ServerFixture.BookingCatalog, "cii_number=A1234567");
        var response = await server.Api(Role.Supervisor).PostAsync("/api/v1/disclosures", upload);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var floor = manifest.RootElement.GetProperty("floor").EnumerateArray().Single();
        Assert.Equal("immigration-status", floor.GetProperty("item").GetString());
        Assert.Equal("withheld-pending-counsel", floor.GetProperty("status").GetString());
        Assert.Equal(["immigration_status"], floor.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains(manifest.RootElement.GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.Contains("immigration-status falls under the federal floor", StringComparison.Ordinal) && w.GetString()!.Contains("not a refusal", StringComparison.Ordinal));
        var field = manifest.RootElement.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "immigration_status");
        Assert.Equal("refer-to-counsel", field.GetProperty("basis").GetString());
    }

    /// <summary>Every field of the booking catalog, and one it does not name; the value of column c in row r is "c#r#".</summary>
    private static string TokenExport(string[] columns, int rows)
    {
        var s = new StringBuilder(string.Join(',', columns)).Append('\n');
        for (var r = 0; r < rows; r++)
            s.Append(string.Join(',', columns.Select(c => c == "cii_number" ? (r % 2 == 0 ? "A1234567" : "A7654321") : $"{c}#{r}#"))).Append('\n');
        return s.ToString();
    }

    public static TheoryData<string, string[]> Requests => new()
    {
        // ICE, civil immigration, every item: denied, referred (status, under the floor) or permitted (criminal history) by item.
        { """{"receivedAt":"2025-06-02","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"disclose","purpose":"civil-immigration","document":{"type":"letter","namesSubject":true},"data":[ITEMS]}""", ["cii_number=A1234567"] },
        { """{"receivedAt":"2025-06-02","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"bulk-disclose","purpose":"civil-immigration","document":{"type":"none"},"data":[ITEMS]}""", [] },
        // A California agency with a court order, for a criminal investigation: much is permitted.
        { """{"receivedAt":"2025-06-02","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"california-agency"},"act":"bulk-disclose","purpose":"criminal","document":{"type":"court-order"},"data":[ITEMS]}""", [] },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_field_not_permitted_or_required_never_appears_in_the_download(string request, string[] subject)
    {
        var items = string.Join(',', Comity.Contract.Vocabularies.DataItems.Names.Select(i => $"\"{i}\""));
        var columns = new[] { "booking_number", "cii_number", "charge_code", "last_name", "date_of_birth", "place_of_birth", "citizenship", "immigration_status",
            "home_address", "home_zip", "employer", "work_address", "phone", "email", "scheduled_release", "ssn", "booking_notes", "eye_color" };
        var export = TokenExport(columns, 6);
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/disclosures",
            ServerFixture.DisclosureUpload(request.Replace("ITEMS", items, StringComparison.Ordinal), ServerFixture.Csv(Encoding.UTF8.GetBytes(export)), subject: subject));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var cut = await server.Api(Role.Intake).GetStringAsync(response.Headers.Location + "/export?purpose=case-work");

        var fields = manifest.RootElement.GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("field").GetString()!, f => (Kept: f.GetProperty("kept").GetBoolean(), Basis: f.GetProperty("basis").GetString()!));
        Assert.Equal(columns.Order(), fields.Keys.Order());
        Assert.Equal("unmapped", fields["eye_color"].Basis);
        Assert.False(fields["ssn"].Kept);
        foreach (var (field, (kept, basis)) in fields.Where(f => f.Key != "cii_number"))
        {
            Assert.Equal(basis is "permit" or "must-comply", kept);
            var released = Enumerable.Range(0, 6).Any(r => cut.Contains($"{field}#{r}#", StringComparison.Ordinal));
            Assert.True(kept == released || (kept && cut.Length == 0), $"{field} ({basis}): kept {kept}, in the download {released}");
        }
        // For a named person, only that person's rows (the odd rows are someone else's).
        if (subject.Length > 0)
            Assert.DoesNotContain(new[] { "#1#", "#3#", "#5#" }, cut.Contains);
        var header = cut.Split('\n')[0];
        Assert.Equal(fields.Where(f => f.Value.Kept).Select(f => f.Key).Order(), header.Length == 0 ? [] : header.Split(',').Order());
    }

    [Fact]
    public async Task A_json_lines_export_named_by_the_format_part_is_cut_to_its_released_properties()
    {
        var export = new ByteArrayContent("{\"cii_number\":\"A1\",\"ssn\":\"123\",\"charge_code\":\"PC 459\"}\n{\"cii_number\":\"A2\",\"home_address\":\"1 Main St\"}\n"u8.ToArray());
        var upload = new MultipartFormDataContent
        {
            { ServerFixture.Json("""{"receivedAt":"2025-06-02","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"california-agency"},"act":"bulk-disclose","purpose":"criminal","document":{"type":"court-order"},"data":["criminal-history","home-address"]}"""), "request" },
            { new StringContent("lapd-booking-records"), "catalog" },
            { new StringContent("jsonl"), "format" },
            { export, "export", "bookings.txt" },
        };
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/disclosures", upload);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var download = await server.Api(Role.Counsel).GetAsync(response.Headers.Location + "/export?purpose=counsel-review");
        Assert.Equal("application/jsonl", download.Content.Headers.ContentType!.MediaType);
        var cut = await download.Content.ReadAsStringAsync();
        Assert.DoesNotContain("123", cut, StringComparison.Ordinal);
        Assert.Contains("\"charge_code\":\"PC 459\"", cut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_upload_form_and_the_downloads()
    {
        using var document = JsonDocument.Parse(await server.Api(null).GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var form = paths.GetProperty("/api/v1/disclosures").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        var json = form.GetRawText();
        if (form.TryGetProperty("$ref", out var reference))
            json = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]).GetRawText();
        foreach (var part in new[] { "request", "catalog", "subject", "format", "export" })
            Assert.Contains($"\"{part}\"", json, StringComparison.Ordinal);
        Assert.True(paths.TryGetProperty("/api/v1/disclosures/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/disclosures/{id}/export", out _));
    }

    [Fact]
    public async Task A_malformed_export_is_a_422_naming_file_line_and_column_and_nothing_is_released()
    {
        var folder = Path.Combine(server.Services.GetRequiredService<ServerSettings>().DataFolder, "disclosures");
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var cases = new (string Csv, string Expected)[]
        {
            ("booking_number,cii_number\n1,A1234567\n2,\"A7654321\n", "broken.csv:3:3: this quoted field never closes"),
            ("booking_number,cii_number,booking_number\n1,A1234567,1\n", "broken.csv:1:27: field \"booking_number\" is named twice in the header"),
            ("booking_number,cii_number\n1,A1234567\n2,A\u00e97654321\n", "broken.csv:3:4: byte 0xE9 is not valid UTF-8"),
            ("booking_number,cii_number\n1,A1234567\n2\n", "broken.csv:3:1: this record has 1 fields; the header has 2"),
        };
        foreach (var (csv, expected) in cases)
        {
            var bytes = csv.Contains('\u00e9') ? Encoding.Latin1.GetBytes(csv) : Encoding.UTF8.GetBytes(csv);
            var before = Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
            var size = ledger.Size;
            var response = await server.Api(Role.Intake).PostAsync("/api/v1/disclosures", ServerFixture.DisclosureUpload(
                """{"receivedAt":"2025-06-02","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"california-agency"},"act":"bulk-disclose","purpose":"criminal","document":{"type":"court-order"},"data":["criminal-history","booking-record"]}""",
                ServerFixture.Csv(bytes), "broken.csv"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var error = problem.RootElement.GetProperty("errors")[0];
            var located = $"{error.GetProperty("file").GetString()}:{error.GetProperty("line").GetInt64()}:{error.GetProperty("column").GetInt64()}: {error.GetProperty("message").GetString()}";
            Assert.StartsWith(expected, located, StringComparison.Ordinal);
            Assert.Equal(before, Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0);
            Assert.Equal(size, ledger.Size);
        }
    }

    [Fact]
    public async Task A_broken_upload_is_a_400_naming_the_part_and_records_nothing()
    {
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var request = File.ReadAllText(RepoRoot.Combine("examples/la/disclose-booking.json"));
        var csv = File.ReadAllBytes(RepoRoot.Combine("examples/la/booking-export.csv"));
        var cases = new (HttpContent Content, string Part, string Message)[]
        {
            (ServerFixture.Json(request), "Content-Type", "send multipart/form-data"),
            (ServerFixture.DisclosureUpload(request, ServerFixture.Csv(csv), catalog: "bookings", subject: "cii_number=A1234567"), "catalog", "has no data catalog \"bookings\""),
            (ServerFixture.DisclosureUpload(request, ServerFixture.Csv(csv), catalog: null, subject: "cii_number=A1234567"), "catalog", "name the export's record system"),
            (WithoutExport(request), "export", "no export part"),
            (ExportFirst(request, csv), "request", "must come before the export"),
            (ServerFixture.DisclosureUpload(request, new ByteArrayContent(csv), "export.txt", subject: "cii_number=A1234567"), "format", "cannot tell the export's format"),
            (CutShort(request, csv), "export", "the upload ended before the export did"),
        };
        foreach (var (content, part, message) in cases)
        {
            var size = ledger.Size;
            var response = await server.Api(Role.Intake).PostAsync("/api/v1/disclosures", content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{part} {message}: {(int)response.StatusCode} {text}");
            using var problem = JsonDocument.Parse(text);
            var error = problem.RootElement.GetProperty("errors")[0];
            Assert.Equal(part, error.GetProperty("part").GetString());
            Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(size, ledger.Size);
        }

        // A disclose without the person's identifier: the request does not fit, said with the file it concerns.
        var missing = await server.Api(Role.Intake).PostAsync("/api/v1/disclosures", ServerFixture.DisclosureUpload(request, ServerFixture.Csv(csv)));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("give the person's cii_number", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>An upload whose body ends inside the export: the whole file arrived, the closing boundary never did.</summary>
    private static ByteArrayContent CutShort(string request, byte[] csv)
    {
        var head = "--b\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n" + request + "\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"catalog\"\r\n\r\nbooking-records\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\ncii_number=A1234567\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"export\"; filename=\"export.csv\"\r\nContent-Type: text/csv\r\n\r\n";
        var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(head), .. csv]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        return content;
    }

    private static MultipartFormDataContent WithoutExport(string request) => new() { { ServerFixture.Json(request), "request" } };

    private static MultipartFormDataContent ExportFirst(string request, byte[] csv) => new()
    {
        { ServerFixture.Csv(csv), "export", "export.csv" },
        { ServerFixture.Json(request), "request" },
    };
}
