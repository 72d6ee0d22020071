using System.Buffers;
using System.Text;
using System.Text.Json;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Disclosure;

/// <summary>
/// How a disclosure is recorded in the ledger: a <c>disclosure</c> entry whose body is
/// <c>{"answer":...,"manifest":...,"recordedBy":...,"request":...}</c>: the request as received, the
/// answer it got (whose digest the manifest names), who made the disclosure (the server's user, or
/// the account that ran <c>comity redact</c>; entries written before 2026-12 name it <c>by</c>, or
/// nobody: <see cref="EntryActor"/> reads both) and the manifest without its receipt. The entry stands
/// on its own: an auditor holding it can re-decide the request, check the decision digest and
/// compare the digests of the files. The receipt goes into the manifest handed out
/// (<see cref="ManifestWriter"/>).
/// </summary>
public static class DisclosureRecord
{
    public const string Kind = "disclosure";

    /// <param name="request">The request as received (JSON).</param>
    /// <param name="recordedBy">Who made the disclosure: the signed-in user, or the account that ran the command.</param>
    public static LedgerEntry Entry(ReadOnlySpan<byte> request, DisclosureManifest manifest, DateTimeOffset recordedAt, string recordedBy)
    {
        request = ByteOrderMark.Strip(request);
        var body = new ArrayBufferWriter<byte>(request.Length + 8192);
        body.Write("{\"answer\":"u8);
        body.Write(Encoding.UTF8.GetBytes(AnswerWriter.ToJson(manifest.Decision)));
        body.Write(",\"manifest\":"u8);
        body.Write(ManifestWriter.ToUtf8(manifest, indented: false));
        body.Write(",\"recordedBy\":"u8);
        body.Write(JsonSerializer.SerializeToUtf8Bytes(recordedBy));
        body.Write(",\"request\":"u8);
        body.Write(request);
        body.Write("}"u8);
        return new LedgerEntry(Kind, body.WrittenMemory, recordedAt);
    }
}
