using System.Net;
using System.Text.Json;
using Comity.Cases;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Server;

/// <summary>
/// One server decides for several jurisdictions: the request's <c>jurisdiction</c> picks the stack
/// under --stacks (issue 22). The same detainer, received by the Los Angeles and the Austin police,
/// is forbidden in one and a duty in the other.
/// </summary>
public sealed class JurisdictionApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<JsonElement> Decide(string example)
    {
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(File.ReadAllText(RepoRoot.Combine(example))));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.Clone();
    }

    [Fact]
    public async Task The_same_detainer_is_a_duty_in_Austin_and_forbidden_in_Los_Angeles_on_one_server()
    {
        var austin = await Decide("examples/austin/detainer.json");
        var la = await Decide("examples/la/detainer-served.json");

        Assert.Equal("must-comply", austin.GetProperty("outcome").GetString());
        Assert.Equal("us/tx/austin", austin.GetProperty("policy").GetProperty("stack").GetString());
        Assert.Contains(austin.GetProperty("obligations").EnumerateArray(), o => o.GetProperty("rule").GetString() == "tx.detainer.inform");
        Assert.Equal("deny", la.GetProperty("outcome").GetString());
        Assert.Equal("us/ca/los-angeles", la.GetProperty("policy").GetProperty("stack").GetString());
    }
}
