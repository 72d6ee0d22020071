using System.Text;
using Comity.Cases;
using Comity.Ledger;
using Comity.Recording;
using Comity.Recording.Entries;

namespace Comity.Documents;

/// <summary>A document attached: as the case keeps it, and the ledger's event for it.</summary>
public sealed record AttachedDocument(CaseDocument Document, CaseEvent Event);

/// <summary>A document of a case, read back: as the case keeps it, and its bytes as kept.</summary>
public sealed record KeptDocument(CaseDocument Document, byte[] Content);

/// <summary>
/// The papers of a case: the document received with the request (the I-247A, the warrant, the
/// letter), attached by intake. Its kind is read from its first bytes, never from its name; its
/// size is limited; it is kept content-addressed in the data folder (<see cref="DocumentStore"/>)
/// before a <c>document</c> entry naming its SHA-256 is recorded in the ledger, and then kept with
/// the case. Its own file name is never kept anywhere: it can name the person. Every door (HTTP,
/// the web app) calls this; whether the caller may read the case is the door's to check.
/// </summary>
public sealed class CaseDocuments(TransparencyLog ledger, CaseStore cases, DocumentStore store, TimeProvider time)
{
    /// <summary>The largest document taken: 20 MiB, room for a scanned multi-page warrant, not for an archive.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    private readonly SemaphoreSlim _attach = new(1, 1);

    public DocumentStore Store => store;

    /// <summary>Attaches <paramref name="content"/> to case <paramref name="caseId"/>, recorded by <paramref name="recordedBy"/>.</summary>
    public async Task<Recorded<AttachedDocument>> AttachAsync(long caseId, ReadOnlyMemory<byte> content, string recordedBy)
    {
        if (content.Length == 0)
            return new RecordError(RecordErrorKind.Invalid, "the file is empty", "document");
        if (content.Length > MaxBytes)
            return new RecordError(RecordErrorKind.Invalid, $"the file has {content.Length} bytes; a document can have at most {MaxBytes} ({MaxBytes / 1024 / 1024} MiB)", "document");
        if (MediaTypes.Sniff(content.Span) is not { } mediaType)
            return new RecordError(RecordErrorKind.Invalid, $"expected {MediaTypes.Expected} (checked by the file's content, not its name)", "document");
        await _attach.WaitAsync().ConfigureAwait(false);
        try
        {
            if (cases.Find(caseId) is not { } c)
                return new RecordError(RecordErrorKind.NotFound, $"there is no case {caseId}");
            if (c.IsVoid)
                return new RecordError(RecordErrorKind.Conflict, $"case {caseId} is void: nothing more is recorded on it");
            var digest = DocumentStore.Digest(content.Span);
            if (c.Documents.FirstOrDefault(d => d.Sha256 == digest) is { } already)
                return new RecordError(RecordErrorKind.Conflict, $"this document is already attached to case {caseId} (ledger entry {already.LedgerIndex})", "document");
            // The file first: a ledger entry never names a document that is not kept.
            store.Keep(content.Span);
            var entry = new DocumentEntry(caseId, c.Summary.LedgerIndex, digest, mediaType, content.Length, recordedBy);
            var body = entry.Write();
            var at = time.GetUtcNow();
            var receipt = await ledger.AppendAsync(new LedgerEntry(DocumentEntry.Kind, body, at)).ConfigureAwait(false);
            var e = new CaseEvent(receipt.Index, DocumentEntry.Kind, recordedBy, at, Encoding.UTF8.GetString(body), Encoding.UTF8.GetString(ReceiptJson.Of(receipt)));
            var document = new CaseDocument(receipt.Index, digest, mediaType, content.Length, recordedBy, at);
            cases.AddDocument(caseId, e, document);
            return new AttachedDocument(document, e);
        }
        finally
        {
            _attach.Release();
        }
    }

    /// <summary>The document <paramref name="digest"/> of case <paramref name="caseId"/> with its bytes; an error when the case has no such document or its file is gone.</summary>
    public Recorded<KeptDocument> Read(long caseId, string digest)
    {
        if (!DocumentStore.IsDigest(digest))
            return new RecordError(RecordErrorKind.Invalid, "expected a document's SHA-256 as sha256: and 64 lower-case hex digits", "sha256");
        if (cases.Find(caseId) is not { } c)
            return new RecordError(RecordErrorKind.NotFound, $"there is no case {caseId}");
        if (c.Documents.FirstOrDefault(d => d.Sha256 == digest) is not { } document)
            return new RecordError(RecordErrorKind.NotFound, $"case {caseId} has no document {digest}");
        return store.Read(digest) is { } bytes
            ? new KeptDocument(document, bytes)
            : new RecordError(RecordErrorKind.Unavailable, $"the file of document {digest} is missing from the data folder");
    }
}
