using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Comity.Cases;
using Comity.Documents;
using Comity.Ledger;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Server;

/// <summary>
/// POST /api/v1/cases/N/documents and GET .../documents/SHA256 through the real HTTP pipeline: the
/// I-247A attached by intake comes back byte for byte to those who may read the case, with its
/// hash in the ledger and its form's values offered; what is not a document is refused by content.
/// </summary>
public sealed class DocumentsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static MultipartFormDataContent Upload(byte[] content, string fileName, string type = "application/pdf")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "document", fileName } };
    }

    [Fact]
    public async Task Intake_attaches_an_I247A_and_readers_download_it_byte_for_byte()
    {
        var id = await server.Decide();
        var pdf = FillablePdf.FilledI247A();

        var response = await server.Api(Role.Intake).PostAsync($"/api/v1/cases/{id}/documents", Upload(pdf, "i-247a Maria Example.pdf"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var sha = json.RootElement.GetProperty("sha256").GetString()!;
        Assert.Equal(DocumentStore.Digest(pdf), sha);
        Assert.Equal("application/pdf", json.RootElement.GetProperty("mediaType").GetString());
        Assert.Equal($"/api/v1/cases/{id}/documents/{sha}", response.Headers.Location!.OriginalString);
        Assert.Contains(json.RootElement.GetProperty("prefill").EnumerateArray(),
            p => p.GetProperty("fact").GetString() == "name" && p.GetProperty("value").GetString() == "Maria Example");
        // The ledger has the hash and never the file's name.
        var entry = server.Services.GetRequiredService<TransparencyLog>().Read(json.RootElement.GetProperty("ledgerIndex").GetInt64());
        Assert.Equal(sha, entry.Body.GetProperty("document").GetString());
        Assert.DoesNotContain("Maria", System.Text.Encoding.UTF8.GetString(entry.Canonical), StringComparison.Ordinal);

        foreach (var role in new[] { Role.Intake, Role.Supervisor, Role.Counsel, Role.Auditor })
        {
            var download = await server.Api(role).GetAsync($"/api/v1/cases/{id}/documents/{sha["sha256:".Length..]}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
            Assert.DoesNotContain("Maria", download.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Api(Role.Admin).GetAsync($"/api/v1/cases/{id}/documents/{sha}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Api(null).GetAsync($"/api/v1/cases/{id}/documents/{sha}")).StatusCode);
        // Another case does not serve it.
        var other = await server.Decide();
        Assert.Equal(HttpStatusCode.NotFound, (await server.Api(Role.Counsel).GetAsync($"/api/v1/cases/{other}/documents/{sha}")).StatusCode);
    }

    [Theory]
    [InlineData("<html>not a pdf</html>", "notice.pdf", HttpStatusCode.BadRequest)]
    [InlineData("", "empty.pdf", HttpStatusCode.BadRequest)]
    public async Task What_is_not_a_document_is_refused_by_its_content_whatever_its_name(string text, string name, HttpStatusCode status)
    {
        var id = await server.Decide();
        var response = await server.Api(Role.Intake).PostAsync($"/api/v1/cases/{id}/documents", Upload(System.Text.Encoding.UTF8.GetBytes(text), name));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Bad_requests_are_problems_never_500()
    {
        var id = await server.Decide();
        var api = server.Api(Role.Intake);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"/api/v1/cases/{id}/documents", ServerFixture.Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"/api/v1/cases/{id}/documents",
            new MultipartFormDataContent { { new StringContent("x"), "other" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/cases/999999/documents", Upload(FillablePdf.FilledI247A(), "a.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/v1/cases/{id}/documents/not-a-hash")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{id}/documents/sha256:{new string('0', 64)}")).StatusCode);
        var tooLarge = new byte[CaseDocuments.MaxBytes + 10];
        "%PDF-"u8.CopyTo(tooLarge);
        var large = await api.PostAsync($"/api/v1/cases/{id}/documents", Upload(tooLarge, "big.pdf"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }
}
