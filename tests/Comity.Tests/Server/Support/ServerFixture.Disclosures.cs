using System.Net;
using System.Net.Http.Headers;
using Comity.Cases;
using Comity.Tests.Support;

namespace Comity.Tests.Server.Support;

/// <summary>Disclosure uploads (POST /api/v1/disclosures): multipart/form-data, the export last.</summary>
public partial class ServerFixture
{
    public const string BookingCatalog = "booking-records";

    /// <summary>The parts in the order the server reads them: request, catalog, subject..., then the export.</summary>
    public static MultipartFormDataContent DisclosureUpload(string requestJson, HttpContent export, string fileName = "export.csv",
        string? catalog = BookingCatalog, params string[] subject)
    {
        var form = new MultipartFormDataContent();
        form.Add(Json(requestJson), "request");
        if (catalog is not null)
            form.Add(new StringContent(catalog), "catalog");
        foreach (var s in subject)
            form.Add(new StringContent(s), "subject");
        form.Add(export, "export", fileName);
        return form;
    }

    public static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    /// <summary>The example of docs/disclosure.md: one person's bookings asked for by ICE, as multipart.</summary>
    public static MultipartFormDataContent ExampleDisclosure() => DisclosureUpload(
        File.ReadAllText(RepoRoot.Combine("examples/la/disclose-booking.json")),
        Csv(File.ReadAllBytes(RepoRoot.Combine("examples/la/booking-export.csv"))), "booking-export.csv", BookingCatalog, "cii_number=A1234567");

    /// <summary>Makes the example disclosure as intake; returns its id.</summary>
    public async Task<string> Disclose()
    {
        var response = await Api(Role.Intake).PostAsync("/api/v1/disclosures", ExampleDisclosure());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString.Split('/')[^1];
    }
}
