using System.CommandLine;
using System.Text.Json;
using Comity.Ledger;

namespace Comity.Cli.Commands;

/// <summary>
/// <c>comity verify-receipt --key VKEY RECEIPT ENTRY</c>: checks a receipt offline, with nothing
/// but the log's public key: the checkpoint's signature, and the inclusion proof from the entry's
/// leaf hash (recomputed from the entry document) to the checkpoint's root. A receipt inside an
/// answer says more than its proof (its index, leaf hash and checkpoint): each must be what the
/// proof and the entry say, or the receipt does not verify.
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
            var given = ReadReceipt(result.GetValue(receipt)!);
            var proof = TlogProof.Parse(given.Proof);
            var document = Canonical(result.GetValue(entry)!);
            var recorded = new RecordedEntry(proof.Index, document);
            try
            {
                var checkpoint = proof.Verify(verifier, recorded.LeafHash);
                CheckParts(given, proof, recorded);
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

    /// <summary>A receipt as given: the proof, and, from an answer, the parts the receipt states beside it.</summary>
    private sealed record GivenReceipt(string Proof, long? Index, string? LeafHash, string? Checkpoint);

    /// <summary>The tlog-proof file itself, or the <c>receipt</c> of an answer; a malformed answer is
    /// bad input naming the file, never an unhandled exception.</summary>
    private static GivenReceipt ReadReceipt(string path)
    {
        try
        {
            return ReadReceiptText(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"{path}: not a tlog-proof or an answer with a receipt ({e.Message.Split(" LineNumber", 2)[0]})", e);
        }
    }

    private static GivenReceipt ReadReceiptText(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
            return new GivenReceipt(text, null, null, null);
        using var answer = JsonDocument.Parse(text);
        if (!answer.RootElement.TryGetProperty("receipt", out var r) || r.ValueKind != JsonValueKind.Object
            || !r.TryGetProperty("proof", out var p) || p.ValueKind != JsonValueKind.String)
            throw new FormatException("the answer has no receipt.proof: was it decided with --record?");
        return new GivenReceipt(p.GetString()!,
            r.TryGetProperty("index", out var i) ? (i.TryGetInt64(out var n) ? n : throw new FormatException("receipt.index is not an integer")) : null,
            r.TryGetProperty("leafHash", out var h) ? h.GetString() : null,
            r.TryGetProperty("checkpoint", out var c) ? c.GetString() : null);
    }

    /// <summary>The receipt's own index, leaf hash and checkpoint must be those its proof and the entry give.</summary>
    /// <exception cref="LedgerException">naming the part that differs.</exception>
    private static void CheckParts(GivenReceipt given, TlogProof proof, RecordedEntry recorded)
    {
        if (given.Index is { } index && index != proof.Index)
            throw new LedgerException($"the receipt says index {index}, but its proof is for index {proof.Index}");
        if (given.LeafHash is { } leaf && leaf != Convert.ToBase64String(recorded.LeafHash))
            throw new LedgerException($"the receipt's leafHash {leaf} is not the leaf hash of the entry, {Convert.ToBase64String(recorded.LeafHash)}");
        if (given.Checkpoint is { } checkpoint && checkpoint != proof.Checkpoint)
            throw new LedgerException("the receipt's checkpoint is not the checkpoint its proof leads to");
    }
}
