using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Comity.Reports;

/// <summary>
/// <c>manifest.json</c> (C6): report, period, version, copy, the ledger checkpoint the report
/// reflects, stack and mapping digests, the ledger indexes of the inputs and attestations used,
/// privacy parameters and audit result, generator version, the previous version's manifest hash,
/// and every file with its SHA-256. Written with sorted keys and no time of its own, so that a
/// rebuild at the same checkpoint is byte-identical.
/// </summary>
public sealed class ReportManifest
{
    public const string Generator = "comity-reports/1";

    /// <summary>The stack the report covers (<c>us/ca/los-angeles</c>): a data folder may hold several jurisdictions' reports.</summary>
    public required string Jurisdiction { get; init; }
    public required string Report { get; init; }
    public required string Period { get; init; }
    public required string Copy { get; init; }
    public int Version { get; set; }
    public bool Draft { get; set; } = true;
    public required string Origin { get; init; }
    public required long TreeSize { get; init; }
    public required string RootHash { get; init; }
    public required string CheckpointNote { get; init; }
    public required string StackDigest { get; init; }
    public required string MappingDigest { get; init; }
    public List<long> Inputs { get; } = [];
    public List<long> Attestations { get; } = [];
    public bool AuditPassed { get; set; }
    public int WithheldCells { get; set; }
    public List<string> TotalsOnly { get; } = [];
    public string? PreviousManifestSha256 { get; set; }
    public string? Reason { get; set; }

    public byte[] Write(IReadOnlyDictionary<string, byte[]> files)
    {
        var fileList = new JsonArray();
        foreach (var (name, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            if (name is not ("manifest.json" or "manifest.sig"))
                fileList.Add(new JsonObject { ["name"] = name, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)) });
        var root = new JsonObject
        {
            ["attestations"] = new JsonArray([.. Attestations.Select(i => (JsonNode)i)]),
            ["checkpoint"] = new JsonObject
            {
                ["note"] = CheckpointNote,
                ["origin"] = Origin,
                ["rootHash"] = RootHash,
                ["treeSize"] = TreeSize,
            },
            ["copy"] = Copy,
            ["draft"] = Draft,
            ["files"] = fileList,
            ["generator"] = Generator,
            ["jurisdiction"] = Jurisdiction,
            ["inputs"] = new JsonArray([.. Inputs.Select(i => (JsonNode)i)]),
            ["mappingDigest"] = MappingDigest,
            ["period"] = Period,
            ["previousManifestSha256"] = PreviousManifestSha256,
            ["privacy"] = new JsonObject
            {
                ["applied"] = Copy == "public",
                ["auditPassed"] = AuditPassed,
                ["candidateMinimum"] = 11,
                ["minimumPossibleValues"] = 3,
                ["smallCellRange"] = "1-10",
                ["totalsOnly"] = new JsonArray([.. TotalsOnly.Select(t => (JsonNode)t)]),
                ["withheldCells"] = WithheldCells,
            },
            ["reason"] = Reason,
            ["report"] = Report,
            ["stackDigest"] = StackDigest,
            ["version"] = Version,
        };
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
