using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// A <c>document</c> entry: a file received with the request (the I-247A, the warrant, the letter)
/// was attached to case <paramref name="Case"/>; its bytes hash to <paramref name="Document"/>
/// (<c>sha256:HEX</c>), they are <paramref name="MediaType"/> by their first bytes, and there are
/// <paramref name="Bytes"/> of them. The file's own name is not kept: it can name the person.
/// </summary>
public sealed record DocumentEntry(long Case, long Decision, string Document, string MediaType, long Bytes, string RecordedBy)
{
    public const string Kind = CaseEventKinds.Document;

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteNumber("case"u8, Case);
        w.WriteNumber("decision"u8, Decision);
        w.WriteString("document"u8, Document);
        w.WriteString("mediaType"u8, MediaType);
        w.WriteNumber("bytes"u8, Bytes);
        w.WriteString(EntryActor.Property, RecordedBy);
    });

    /// <exception cref="FormatException">when the body is not a document's.</exception>
    public static DocumentEntry Read(JsonElement body) =>
        new(EntryJson.Int64(body, "case"), EntryJson.Int64(body, "decision"), EntryJson.String(body, "document"),
            EntryJson.String(body, "mediaType"), EntryJson.Int64(body, "bytes"), EntryActor.Of(body));
}
