using System.Text.Json.Nodes;
using Comity.Contract;

namespace Comity.Tests.Contract;

/// <summary>Requests as JSON trees, to change one property at a time, and assertions about reading them.</summary>
internal static class RequestJson
{
    /// <summary>The request of contract.md, character for character.</summary>
    public const string ContractExample = """
        {
          "id": "LAPD-2025-000123",
          "receivedAt": "2025-03-14T09:30:00-07:00",
          "jurisdiction": "us/ca/los-angeles",
          "actor": { "unit": "lapd", "kind": "law-enforcement" },
          "requester": { "agency": "ice-ero", "office": "Los Angeles Field Office", "officer": "J. Doe" },
          "act": "notify-release",
          "purpose": "civil-immigration",
          "document": { "type": "i-247a", "issuedByFederalJudge": false, "federalCriminalImmigrationLaw": false, "namesSubject": true },
          "data": ["release-date"],
          "dataPublic": [],
          "subject": {
            "inCustody": true,
            "convictions": [
              { "code": "PC 211", "level": "felony", "date": "2016-05-01", "jurisdiction": "ca" }
            ],
            "sexArsonRegistrant": false,
            "federalFelonyWarrant": false,
            "magistrateProbableCause": [],
            "reentryAfterAggravatedFelony": false,
            "hateCrimeVictimOrWitnessNotCharged": false
          }
        }
        """;

    /// <summary>Only the required facts.</summary>
    public static JsonObject Minimal() => new()
    {
        ["receivedAt"] = "2025-03-14",
        ["actor"] = new JsonObject { ["unit"] = "lapd", ["kind"] = "law-enforcement" },
        ["requester"] = new JsonObject { ["agency"] = "ice-ero" },
        ["act"] = "notify-release",
        ["purpose"] = "civil-immigration",
        ["document"] = new JsonObject { ["type"] = "i-247a" },
    };

    /// <summary>
    /// Every property of the contract (1.1 included) at every level, each with a value that reads
    /// (act hold, so nothing is conditionally required).
    /// </summary>
    public static JsonObject Full() => new()
    {
        ["id"] = "REF-1",
        ["receivedAt"] = "2025-03-14T09:30:00-07:00",
        ["jurisdiction"] = "demo",
        ["actor"] = new JsonObject { ["unit"] = "lapd", ["kind"] = "jail", ["role"] = "booking-clerk", ["agreement287g"] = "warrant-service-officer" },
        ["requester"] = new JsonObject
        {
            ["agency"] = "ice-ero", ["office"] = "Los Angeles Field Office", ["officer"] = "J. Doe", ["federalParticipation"] = false,
        },
        ["act"] = "hold",
        ["purpose"] = "civil-immigration",
        ["document"] = new JsonObject
        {
            ["type"] = "judicial-warrant", ["issuedByFederalJudge"] = true, ["federalCriminalImmigrationLaw"] = true,
            ["namesSubject"] = true, ["coversPlace"] = true, ["administrativeWarrantAttached"] = false, ["servedOnSubject"] = true, ["court"] = "federal",
        },
        ["data"] = new JsonArray("release-date", "home-address"),
        ["dataPublic"] = new JsonArray("release-date"),
        ["dataHeld"] = new JsonArray("home-address"),
        ["place"] = "office",
        ["placeArea"] = "non-public",
        ["taskForce"] = new JsonObject
        {
            ["primaryPurposeImmigration"] = true, ["dutiesPrimarilyImmigration"] = false, ["dedicatedResources"] = true, ["federalMembers"] = false,
        },
        ["subject"] = new JsonObject
        {
            ["inCustody"] = true,
            ["convictions"] = new JsonArray(new JsonObject
            {
                ["code"] = "PC 211", ["level"] = "felony", ["wobbler"] = true, ["date"] = "2016-05-01", ["jurisdiction"] = "federal",
                ["classes"] = new JsonArray("serious-felony", "dui-felony"), ["reducedByProp47"] = true, ["juvenile"] = false,
            }),
            ["sexArsonRegistrant"] = true,
            ["federalFelonyWarrant"] = true,
            ["magistrateProbableCause"] = new JsonArray(new JsonObject { ["code"] = "PC 245(a)(1)", ["classes"] = new JsonArray("violent-felony") }),
            ["reentryAfterAggravatedFelony"] = true,
            ["hateCrimeVictimOrWitnessNotCharged"] = true,
            ["custody"] = new JsonObject { ["eligibleForReleaseAt"] = "2025-03-12T08:00:00-07:00", ["heldSince"] = "2025-03-01T22:15:00-08:00" },
            ["citizenshipProof"] = false,
            ["role"] = "arrestee",
            ["interviewConsent"] = new JsonObject { ["formServed"] = true, ["language"] = "es", ["consented"] = false, ["attorneyPresent"] = true },
            ["identity"] = new JsonObject
            {
                ["name"] = "Ana Example", ["dateOfBirth"] = "1990-02-28", ["bookingNumber"] = "B-123", ["ciiNumber"] = "A12345678",
                ["fbiNumber"] = "123456AB7", ["aNumber"] = "A012345678", ["language"] = "es-MX", ["gender"] = "female",
                ["raceEthnicity"] = "hispanic", ["countryOfBirth"] = "MX",
                ["attorney"] = new JsonObject { ["name"] = "R. Counsel", ["contact"] = "213 555 0100" },
            },
        },
    };

    public static RequestReadResult Read(JsonNode request) => RequestReader.Read(request.ToJsonString());

    /// <summary>Sets the property at a dotted path (<c>subject.convictions[0].date</c>), creating nothing on the way.</summary>
    public static JsonObject With(this JsonObject request, string path, JsonNode? value)
    {
        var (parent, name) = Parent(request, path);
        parent[name] = value;
        return request;
    }

    /// <summary>Removes the property at a dotted path; it must be there.</summary>
    public static JsonObject Without(this JsonObject request, string path)
    {
        var (parent, name) = Parent(request, path);
        Assert.True(parent.Remove(name), $"the request has no {path} to remove");
        return request;
    }

    private static (JsonObject Parent, string Name) Parent(JsonObject root, string path)
    {
        var segments = path.Split('.');
        JsonNode node = root;
        foreach (var segment in segments[..^1])
        {
            var bracket = segment.IndexOf('[');
            if (bracket < 0)
                node = node[segment] ?? throw new ArgumentException($"no {segment} in {path}");
            else
            {
                node = node[segment[..bracket]] ?? throw new ArgumentException($"no {segment} in {path}");
                node = node[int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]
                    ?? throw new ArgumentException($"no {segment} in {path}");
            }
        }
        return (node.AsObject(), segments[^1]);
    }

    /// <summary>The request was refused with exactly one error, at this path, with this message.</summary>
    public static void AssertRefused(RequestReadResult result, string path, string message)
    {
        var error = SingleError(result);
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
    }

    public static ContractError SingleError(RequestReadResult result)
    {
        Assert.False(result.Ok, "the request was accepted, but an error was expected");
        Assert.Null(result.Request);
        return Assert.Single(result.Errors);
    }

    public static DecisionRequest AssertOk(RequestReadResult result)
    {
        Assert.True(result.Ok, "refused: " + string.Join("; ", result.Errors));
        Assert.Empty(result.Errors);
        return result.Request!;
    }
}
