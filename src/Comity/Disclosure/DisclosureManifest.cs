using System.Security.Cryptography;
using System.Text;
using Comity.Contract;

namespace Comity.Disclosure;

/// <summary>
/// The record of one disclosure: which request and decision it rests on (by digest), the catalog,
/// whose rows (by digest, not identifier), the input and output (bytes, SHA-256, rows), every field
/// kept or dropped with the rule behind it, unmapped fields, what became of items under the federal
/// floor, and warnings a person must read. Written beside the export and recorded in the ledger.
/// </summary>
public sealed record DisclosureManifest
{
    public const string Version = "comity.disclosure/v1";

    public string? RequestId { get; init; }
    public required Act Act { get; init; }
    public required string ReceivedAt { get; init; }
    public required DecisionAnswer Decision { get; init; }

    /// <summary><c>sha256:</c> over the answer as compact contract JSON (byte-for-byte stable for a request and stack digest).</summary>
    public required string DecisionDigest { get; init; }

    public required DataCatalog Catalog { get; init; }
    public SubjectKey? Subject { get; init; }
    public required string InputFile { get; init; }
    public required string OutputFile { get; init; }
    public required RedactionResult Result { get; init; }
    public required IReadOnlyList<string> Unmapped { get; init; }
    public required IReadOnlyList<FloorCheck> Floor { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>
    /// The manifest of a cut. The export is named by its digest and format only (<see cref="InputName"/>),
    /// never by the name its file had: a file named after the person would put the name in the ledger.
    /// </summary>
    public static DisclosureManifest Build(DisclosurePlan plan, RedactionResult result, string outputFile)
    {
        var unmapped = result.Fields.Where(f => f.Basis == FieldBasis.Unmapped).Select(f => f.Field).ToList();
        var floor = FloorChecks(plan, result);
        var warnings = new List<string>();
        foreach (var check in floor.Where(c => c.Status != FloorStatus.Released))
            warnings.Add(FloorWarning(check));
        if (unmapped.Count > 0)
            warnings.Add($"{unmapped.Count} field(s) not in catalog {plan.Catalog.System} were dropped: {string.Join(", ", unmapped)}; catalog them (unmapped fields are never released)");
        if (plan.Subject is not null && result.RowsWritten == 0 && result.Fields.Any(f => f.Kept))
            warnings.Add("no row of the export is the subject's: nothing was released");
        return new DisclosureManifest
        {
            RequestId = plan.Request.Id,
            Act = plan.Request.Act,
            ReceivedAt = plan.Request.ReceivedAt,
            Decision = plan.Answer,
            DecisionDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AnswerWriter.ToJson(plan.Answer)))),
            Catalog = plan.Catalog,
            Subject = plan.Subject,
            InputFile = InputName(result.Format),
            OutputFile = outputFile,
            Result = result,
            Unmapped = unmapped,
            Floor = floor,
            Warnings = warnings,
        };
    }

    /// <summary>Every requested item a floor applied to, and whether a field of the export carried it out.</summary>
    private static List<FloorCheck> FloorChecks(DisclosurePlan plan, RedactionResult result)
    {
        var checks = new List<FloorCheck>();
        foreach (var item in plan.Items.Where(i => i.UnderFloor))
        {
            var fields = result.Fields.Where(f => f.Item == item.Item).Select(f => f.Field).ToList();
            var status = item.Outcome switch
            {
                Outcome.Permit or Outcome.MustComply => fields.Count > 0 ? FloorStatus.Released : FloorStatus.NoField,
                Outcome.ReferToCounsel => FloorStatus.WithheldPendingCounsel,
                _ => FloorStatus.WithheldDenied,
            };
            checks.Add(new FloorCheck(item.Item, item.Outcome, status, fields, item.FloorRules));
        }
        return checks;
    }

    /// <summary>How a manifest names the export it cut: <c>export.csv</c> or <c>export.jsonl</c>, whatever the file was called.</summary>
    public static string InputName(RecordFormat format) => "export." + RecordFormats.Name(format);

    private static string FloorWarning(FloorCheck c)
    {
        var item = Vocabularies.DataItems.Name(c.Item);
        var rules = string.Join(", ", c.Rules);
        var fields = c.Fields.Count > 0 ? $"field(s) {string.Join(", ", c.Fields)}" : "no field of the export";
        return c.Status switch
        {
            FloorStatus.NoField => $"{item} is released under the federal floor ({rules}), but no field of the export is mapped to it: nothing carried it; check the catalog and the export",
            FloorStatus.WithheldPendingCounsel => $"{item} falls under the federal floor ({rules}) but the decision refers it to counsel: {fields} withheld until counsel decides; 8 U.S.C. § 1373 forbids restricting it, so this is a referral, not a refusal",
            _ => $"{item} falls under the federal floor ({rules}) but the decision denies it: {fields} withheld; have counsel review the stack",
        };
    }
}
