using System.Net;
using Comity.Cases;
using Comity.Server.Web;
using Comity.Tests.Server.Support;

namespace Comity.Tests.Server;

/// <summary>The web app's words and forms, without a browser (the browser tests drive the same pages in chromium).</summary>
public sealed class WebAppTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public void Every_contract_value_has_words_on_the_intake_form()
    {
        Assert.Empty(Choices.Missing());
    }

    [Theory]
    [InlineData("$.subject.convictions[1].date", "Convictions[1].Date")]
    [InlineData("$.subject.convictions[0]", "Convictions[0].Code")]
    [InlineData("$.document.type", "DocumentType")]
    [InlineData("$.document.issuedByFederalJudge", "IssuedByFederalJudge")]
    [InlineData("$.dataPublic[0]", "DataPublic")]
    [InlineData("$.data[2]", "Data")]
    [InlineData("$.receivedAt", "ReceivedDate")]
    [InlineData("$", "")]
    public void Contract_errors_land_beside_the_field_they_are_about(string path, string field)
    {
        Assert.Equal(field, IntakeRequest.FieldFor(path));
    }

    [Fact]
    public async Task A_conviction_after_the_request_is_refused_beside_its_date_and_nothing_is_recorded()
    {
        var client = await server.App(Role.Intake);
        var form = await ServerFixture.Antiforgery(client, "/intake");
        foreach (var (k, v) in new Dictionary<string, string>
        {
            ["Form.Act"] = "hold", ["Form.Purpose"] = "civil-immigration", ["Form.Agency"] = "ice-ero", ["Form.DocumentType"] = "i-247a",
            ["Form.Receiver"] = "us/ca/los-angeles:lapd", ["Form.ReceivedDate"] = "2025-06-02", ["Form.ReceivedTime"] = "08:00", ["Form.Convictions[0].Code"] = "PC 211",
            ["Form.Convictions[0].Level"] = "felony", ["Form.Convictions[0].Date"] = "2026-01-01",
        })
            form[k] = v;
        var response = await client.PostAsync("/intake", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"f-Convictions-0-Date-error\"><span class=\"visually-hidden\">Error: </span>Is after receivedAt: a conviction cannot postdate the request.", html);
        Assert.Contains("value=\"PC 211\"", html); // what was typed stays
    }
}
