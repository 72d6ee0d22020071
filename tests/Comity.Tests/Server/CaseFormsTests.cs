using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Comity.Cases;
using Comity.Contract;
using Comity.Server.Web;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Server;

/// <summary>
/// The case's forms in the web app, posted as a browser posts them (issue 18, points 2 to 4 and
/// 9): a correction through the intake form filled with the case's facts, checked, then decided
/// again; what the unit did; a void; and every form reports all its errors at once.
/// </summary>
public sealed partial class CaseFormsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_correction_fills_the_form_with_the_case_s_facts_and_the_corrected_request_is_decided_again()
    {
        var id = await server.Decide("examples/la/notify-release-2017.json");
        var app = await server.App(Role.Intake);
        var page = await app.GetStringAsync($"/intake?correct={id}");
        Assert.Contains("Correct case " + id, page);
        Assert.Contains("value=\"PC 211\"", page);
        Assert.Contains("value=\"2019-02-11\"", page);
        var token = Token().Match(page).Groups[1].Value;

        // The clerk had missed that the release date is public (2019: permitted instead of denied).
        var stacks = server.Services.GetRequiredService<ServedStacks>();
        var request = RequestReader.Read(File.ReadAllText(RepoRoot.Combine("examples/la/notify-release-2017.json"))).Request!;
        var form = IntakeFromRequest.Fill(request, stacks);
        form.ReleaseDatePublic = true;
        form.CorrectsCase = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form.CorrectionReason = "data-entry-error";
        form.CorrectionNote = "the release date was already on the public locator";
        var fields = IntakeFields.Of(form);
        fields.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)));
        var check = await app.PostAsync("/intake?handler=check", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("You are correcting", await check.Content.ReadAsStringAsync());
        var record = await app.PostAsync("/intake?handler=record", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, record.StatusCode);
        Assert.Equal($"/cases/{id}#done", record.Headers.Location!.OriginalString);

        var view = JsonNode.Parse(await server.Api(Role.Intake).GetStringAsync($"/api/v1/cases/{id}"))!;
        Assert.Contains(view["history"]!.AsArray(), e => (string?)e!["kind"] == "correction");
        var html = await app.GetStringAsync($"/cases/{id}");
        Assert.Contains("<strong>Corrected</strong>", html);
        Assert.Contains("Already public", html);
    }

    [Fact]
    public async Task A_correction_without_a_reason_is_refused_with_every_error_at_once_and_nothing_is_recorded()
    {
        var id = await server.Decide();
        var app = await server.App(Role.Intake);
        var token = Token().Match(await app.GetStringAsync($"/intake?correct={id}")).Groups[1].Value;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
            new("Form.CorrectsCase", id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Form.Reference", new string('x', 200_000)),
        };
        var response = await app.PostAsync("/intake?handler=record", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var message in new[] { "Choose why the case is corrected.", "Choose the unit that received the request.", "Your reference can be at most 100 characters", "Choose what is being asked for.", "Choose the agency that is asking." })
            Assert.Contains(message, html);
        var view = JsonNode.Parse(await server.Api(Role.Intake).GetStringAsync($"/api/v1/cases/{id}"))!;
        Assert.DoesNotContain(view["history"]!.AsArray(), e => (string?)e!["kind"] == "correction");
    }

    [Fact]
    public async Task An_action_the_decision_did_not_allow_is_recorded_and_shown_as_such_and_a_supervisor_voids_the_case()
    {
        var id = await server.Decide();
        var app = await server.App(Role.Intake);
        var form = await ServerFixture.Antiforgery(app, $"/cases/{id}");
        form["ActionKind"] = "transferred";
        form["ActionAt"] = "2025-06-02T10:00";
        form["ReceivingAgency"] = "ICE ERO Los Angeles";
        var done = await app.PostAsync($"/cases/{id}?handler=Action", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var html = await app.GetStringAsync($"/cases/{id}");
        Assert.Contains("Handed the person over</strong>, to ICE ERO Los Angeles", html);
        Assert.Contains("Not allowed by the decision", html);
        Assert.Contains("2 June 2025, 10:00 (UTC-07:00)", html);
        Assert.DoesNotContain("Void this case", html); // intake may not void

        var supervisor = await server.App(Role.Supervisor);
        var voidForm = await ServerFixture.Antiforgery(supervisor, $"/cases/{id}");
        voidForm["VoidReason"] = "duplicate";
        var voided = await supervisor.PostAsync($"/cases/{id}?handler=Void", new FormUrlEncodedContent(voidForm));
        Assert.Equal(HttpStatusCode.Redirect, voided.StatusCode);
        html = await supervisor.GetStringAsync($"/cases/{id}");
        Assert.Contains("This case is void", html);
        Assert.DoesNotContain("Record what the unit did", html);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
