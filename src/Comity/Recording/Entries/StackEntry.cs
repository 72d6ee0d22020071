using System.Text.Json;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>One file of a recorded stack version: its name as the digest reads it, its path from the stack's folder, its content's SHA-256 and the law-file entry that holds it.</summary>
public sealed record StackEntryFile(string Name, string Path, string Sha256, long Entry);

/// <summary>
/// A <c>stack</c> entry: a version of the law, recorded once, the first time it decides anything:
/// <c>{"digest":"sha256:...","files":[{"entry":N,"name":...,"path":...,"sha256":...}],"recordedBy":...,"stack":"us/ca/los-angeles"}</c>.
/// <c>digest</c> is the answers' <c>policy.digest</c>; each file's content is a <c>law-file</c>
/// entry of its own (<see cref="LawFileEntry"/>), kept once however many versions share it.
/// Decision entries point at this entry (<c>stackEntry</c>).
/// </summary>
public sealed record StackEntry(string Digest, string Stack, IReadOnlyList<StackEntryFile> Files, string RecordedBy)
{
    public const string Kind = "stack";

    /// <summary>The ledger key of the stack version with this digest (<see cref="LedgerEntry.Key"/>).</summary>
    public static string KeyOf(string digest) => Kind + ":" + digest;

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteString("digest"u8, Digest);
        w.WriteStartArray("files"u8);
        foreach (var f in Files)
        {
            w.WriteStartObject();
            w.WriteNumber("entry"u8, f.Entry);
            w.WriteString("name"u8, f.Name);
            w.WriteString("path"u8, f.Path);
            w.WriteString("sha256"u8, f.Sha256);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString(EntryActor.Property, RecordedBy);
        w.WriteString("stack"u8, Stack);
    });

    /// <exception cref="FormatException">when the body is not a stack's.</exception>
    public static StackEntry Read(JsonElement body)
    {
        if (!body.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
            throw new FormatException("a stack entry's body lists its files");
        var list = files.EnumerateArray().Select(f => new StackEntryFile(EntryJson.String(f, "name"), EntryJson.String(f, "path"),
            EntryJson.String(f, "sha256"), EntryJson.Int64(f, "entry"))).ToList();
        return new StackEntry(EntryJson.String(body, "digest"), EntryJson.String(body, "stack"), list, EntryActor.Of(body));
    }
}
