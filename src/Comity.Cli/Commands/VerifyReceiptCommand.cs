using System.CommandLine;
using System.Text.Json;
using Comity.Ledger;

namespace Comity.Cli.Commands;

/// <summary>
/// <c>comity verify-receipt --key VKEY RECEIPT ENTRY</c>: checks a receipt offline, with nothing
/// but the log's public key: the checkpoint's signature, and the inclusion proof from the entry's
/// leaf hash (recomputed from the entry document) to the checkpoint's root.
/// </summary>
internal static class VerifyReceiptCommand
{
    public static Command Create()
    {
        var key = LedgerCommand.KeyOption("the log's verifier key (name+hash+key), or a file holding it");
        key.Required = true;
        var receipt = new Argument<string>("RECEIPT") { Description = "the receipt: a C2SP tlog-proof file, or an answer with a 'receipt' from 'comity decide --record'" };
        var entry = new Argument<string>("ENTRY") { Description = "the entry document as recorded ('comity ledger entry N' prints it)" };
        var command = new Command("verify-receipt", $"Check a receipt offline, without the store: the checkpoint is signed by the key and the entry is in it. Exit 0 when it verifies, {ExitCodes.NotVerified} when it does not.")
        {
            key, receipt, entry,
        };
        command.SetAction(result => BadInput.Guard(() =>
        {
            var verifier = LedgerCommand.ReadKey(result.GetValue(key)!);
            var proof = TlogProof.Parse(ProofText(File.ReadAllText(result.GetValue(receipt)!)));
            var document = Canonical(result.GetValue(entry)!);
            var recorded = new RecordedEntry(proof.Index, document);
            try
            {
                var checkpoint = proof.Verify(verifier, recorded.LeafHash);
                Console.Out.WriteLine($"verified: entry {proof.Index} ({recorded.Kind}, recorded {recorded.RecordedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}) is in {checkpoint.Origin} at tree size {checkpoint.Size}, root {Convert.ToBase64String(checkpoint.RootHash)}");
                return ExitCodes.Decided;
            }
            catch (LedgerException e)
            {
                Console.Out.WriteLine($"NOT VERIFIED: {e.Message}");
                return ExitCodes.NotVerified;
            }
        }));
        return command;
    }

    /// <summary>The entry document in canonical form, however it was spaced or ordered in the file.</summary>
    private static byte[] Canonical(string path)
    {
        try
        {
            return JsonCanonicalizer.Canonicalize(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a JSON entry document ({e.Message.Split(" LineNumber", 2)[0]})", e);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The tlog-proof text: the file itself, or the <c>receipt.proof</c> of an answer.</summary>
    private static string ProofText(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
            return text;
        using var answer = JsonDocument.Parse(text);
        return answer.RootElement.TryGetProperty("receipt", out var r) && r.TryGetProperty("proof", out var p) && p.GetString() is { } proof
            ? proof
            : throw new FormatException("the answer has no receipt.proof: was it decided with --record?");
    }
}
