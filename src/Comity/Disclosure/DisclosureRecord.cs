using System.Buffers;
using System.Text;
using System.Text.Json;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Disclosure;

/// <summary>
/// How a disclosure is recorded in the ledger: a <c>disclosure</c> entry whose body is
/// <c>{"answer":...,"by":...,"manifest":...,"request":...}</c>: the request as received, the
/// answer it got (whose digest the manifest names), who made the disclosure (the server's user;
/// absent from the command line) and the manifest without its receipt. The entry stands
/// on its own: an auditor holding it can re-decide the request, check the decision digest and
/// compare the digests of the files. The receipt goes into the manifest handed out
/// (<see cref="ManifestWriter"/>).
/// </summary>
public static class DisclosureRecord
{
    public const string Kind = "disclosure";

    /// <param name="request">The request as received (JSON).</param>
    /// <param name="by">The user who made the disclosure, when one is signed in.</param>
    public static LedgerEntry Entry(ReadOnlySpan<byte> request, DisclosureManifest manifest, DateTimeOffset recordedAt, string? by = null)
    {
        if (request.StartsWith("\uFEFF"u8))
            request = request[3..]; // a byte-order mark is not content
        var body = new ArrayBufferWriter<byte>(request.Length + 8192);
        body.Write("{\"answer\":"u8);
        body.Write(Encoding.UTF8.GetBytes(AnswerWriter.ToJson(manifest.Decision)));
        if (by is not null)
        {
            body.Write(",\"by\":"u8);
            body.Write(JsonSerializer.SerializeToUtf8Bytes(by));
        }
        body.Write(",\"manifest\":"u8);
        body.Write(ManifestWriter.ToUtf8(manifest, indented: false));
        body.Write(",\"request\":"u8);
        body.Write(request);
        body.Write("}"u8);
        return new LedgerEntry(Kind, body.WrittenMemory, recordedAt);
    }
}
