using System.Text.Json;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Disclosure;

/// <summary>
/// Writes a <see cref="DisclosureManifest"/> as JSON (docs/disclosure.md describes every
/// property); once recorded, with the ledger's receipt as the last property, written as a
/// decision's receipt is (<see cref="DecisionRecord.WriteReceipt"/>).
/// </summary>
public static class ManifestWriter
{
    public static void Write(Utf8JsonWriter w, DisclosureManifest m, Receipt? receipt = null)
    {
        w.WriteStartObject();
        w.WriteString("manifest"u8, DisclosureManifest.Version);

        w.WriteStartObject("request"u8);
        if (m.RequestId is { } id)
            w.WriteString("id"u8, id);
        w.WriteString("act"u8, Vocabularies.Acts.Name(m.Act));
        w.WriteString("receivedAt"u8, m.ReceivedAt);
        w.WriteEndObject();

        w.WriteStartObject("decision"u8);
        w.WriteString("outcome"u8, Vocabularies.Outcomes.Name(m.Decision.Outcome));
        w.WriteString("digest"u8, m.DecisionDigest);
        // Indexed loops: foreach over these lists of structs would JIT-compile the framework's
        // enumerators for them in every `comity redact` (ReadyToRun cannot precompile those).
        w.WriteStartObject("data"u8);
        var data = m.Decision.Data;
        for (var i = 0; i < data.Count; i++)
            w.WriteString(Vocabularies.DataItems.Name(data[i].Item), Vocabularies.Outcomes.Name(data[i].Outcome));
        w.WriteEndObject();
        w.WriteStartArray("flags"u8);
        var flags = m.Decision.Flags;
        for (var i = 0; i < flags.Count; i++)
            w.WriteStringValue(Vocabularies.Flags.Name(flags[i]));
        w.WriteEndArray();
        w.WriteStartObject("policy"u8);
        w.WriteString("stack"u8, m.Decision.Policy.Stack);
        w.WriteString("asOf"u8, m.Decision.Policy.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("digest"u8, m.Decision.Policy.Digest);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("catalog"u8);
        w.WriteString("system"u8, m.Catalog.System);
        w.WriteString("file"u8, m.Catalog.Source);
        w.WriteString("digest"u8, m.Catalog.Digest);
        w.WriteEndObject();

        if (m.Subject is { } subject)
        {
            w.WriteStartObject("subject"u8);
            w.WriteStartArray("fields"u8);
            foreach (var (field, _) in subject.Values)
                w.WriteStringValue(field);
            w.WriteEndArray();
            w.WriteString("digest"u8, subject.Digest());
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("subject"u8);
        }

        var r = m.Result;
        w.WriteStartObject("input"u8);
        w.WriteString("file"u8, m.InputFile);
        w.WriteString("format"u8, RecordFormats.Name(r.Format));
        w.WriteNumber("bytes"u8, r.InputBytes);
        w.WriteString("sha256"u8, r.InputSha256);
        w.WriteNumber("rows"u8, r.RowsRead);
        w.WriteEndObject();

        w.WriteStartObject("output"u8);
        w.WriteString("file"u8, m.OutputFile);
        w.WriteNumber("bytes"u8, r.OutputBytes);
        w.WriteString("sha256"u8, r.OutputSha256);
        w.WriteNumber("rows"u8, r.RowsWritten);
        w.WriteEndObject();

        w.WriteStartArray("fields"u8);
        foreach (var f in r.Fields)
        {
            w.WriteStartObject();
            w.WriteString("field"u8, f.Field);
            if (f.Item is { } item)
                w.WriteString("item"u8, Vocabularies.DataItems.Name(item));
            else
                w.WriteNull("item"u8);
            w.WriteBoolean("kept"u8, f.Kept);
            w.WriteString("basis"u8, f.BasisName);
            Strings(w, "rules"u8, f.Rules);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        Strings(w, "unmapped"u8, m.Unmapped);

        w.WriteStartArray("floor"u8);
        foreach (var c in m.Floor)
        {
            w.WriteStartObject();
            w.WriteString("item"u8, Vocabularies.DataItems.Name(c.Item));
            w.WriteString("outcome"u8, Vocabularies.Outcomes.Name(c.Outcome));
            w.WriteString("status"u8, c.StatusName);
            Strings(w, "fields"u8, c.Fields);
            Strings(w, "rules"u8, c.Rules);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        Strings(w, "warnings"u8, m.Warnings);
        if (receipt is not null)
            DecisionRecord.WriteReceipt(w, receipt);
        w.WriteEndObject();
    }

    public static byte[] ToUtf8(DisclosureManifest m, Receipt? receipt = null, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, indented ? AnswerWriter.Indented : AnswerWriter.Compact))
            Write(w, m, receipt);
        return buffer.ToArray();
    }

    private static void Strings(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
