using System.Text.Encodings.Web;
using System.Text.Json;

namespace Comity.Contract;

/// <summary>
/// Writes answers exactly as contract v1 shows them: camelCase properties in the contract's order,
/// kebab-case enumerations, citations with their § signs as written. Extensions on reasons
/// (<c>items</c>, <c>decides</c>, <c>setAsideBy</c>, <c>overriddenBy</c>) appear only when they say something.
/// </summary>
public static class AnswerWriter
{
    /// <summary>Writer options every door uses, so the same answer is the same bytes everywhere.</summary>
    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static void Write(Utf8JsonWriter w, DecisionAnswer a)
    {
        w.WriteStartObject();
        if (a.Id is not null)
            w.WriteString("id"u8, a.Id);
        w.WriteString("outcome"u8, Vocabularies.Outcomes.Name(a.Outcome));
        if (a.Data.Count > 0)
        {
            w.WriteStartObject("data"u8);
            foreach (var d in a.Data)
                w.WriteString(Vocabularies.DataItems.Name(d.Item), Vocabularies.Outcomes.Name(d.Outcome));
            w.WriteEndObject();
        }
        w.WriteStartArray("layers"u8);
        foreach (var l in a.Layers)
            if (!Fragments.TryWrite(w, l))
                WriteLayer(w, l);
        w.WriteEndArray();
        Strings(w, "decidedBy"u8, a.DecidedBy);
        w.WriteStartArray("reasons"u8);
        foreach (var r in a.Reasons)
            if (!Fragments.TryWrite(w, r))
                WriteReason(w, r);
        w.WriteEndArray();
        w.WriteStartArray("obligations"u8);
        foreach (var o in a.Obligations)
            if (!Fragments.TryWrite(w, o))
                WriteObligation(w, o);
        w.WriteEndArray();
        w.WriteStartArray("flags"u8);
        foreach (var f in a.Flags)
            w.WriteStringValue(Vocabularies.Flags.Name(f));
        w.WriteEndArray();
        w.WriteStartObject("policy"u8);
        w.WriteString("stack"u8, a.Policy.Stack);
        w.WriteString("asOf"u8, a.Policy.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("digest"u8, a.Policy.Digest);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    internal static void WriteLayer(Utf8JsonWriter w, LayerResult l)
    {
        w.WriteStartObject();
        w.WriteString("layer"u8, l.Layer);
        if (l.Outcome is { } o)
            w.WriteString("outcome"u8, Vocabularies.Outcomes.Name(o));
        else
            w.WriteNull("outcome"u8);
        w.WriteEndObject();
    }

    internal static void WriteReason(Utf8JsonWriter w, Reason r)
    {
        w.WriteStartObject();
        w.WriteString("rule"u8, r.Rule);
        w.WriteString("layer"u8, r.Layer);
        w.WriteString("effect"u8, Vocabularies.Effects.Name(r.Effect));
        Strings(w, "citations"u8, r.Citations);
        w.WriteString("text"u8, r.Text);
        w.WriteString("source"u8, Vocabularies.SourceGrades.Name(r.Source));
        Items(w, "items"u8, r.Items);
        Items(w, "decides"u8, r.Decides);
        if (r.SetAsideBy.Count > 0)
            Strings(w, "setAsideBy"u8, r.SetAsideBy);
        if (r.OverriddenBy.Count > 0)
            Strings(w, "overriddenBy"u8, r.OverriddenBy);
        w.WriteEndObject();
    }

    internal static void WriteObligation(Utf8JsonWriter w, Obligation o)
    {
        w.WriteStartObject();
        w.WriteString("rule"u8, o.Rule);
        Strings(w, "citations"u8, o.Citations);
        w.WriteString("text"u8, o.Text);
        w.WriteEndObject();
    }

    public static string ToJson(DecisionAnswer a, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
            Write(w, a);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The error answer for one bad line of a batch: where in the line, and what was expected.</summary>
    public static void WriteError(Utf8JsonWriter w, long line, IReadOnlyList<ContractError> errors)
    {
        w.WriteStartObject();
        w.WriteNumber("line"u8, line);
        w.WriteStartArray("errors"u8);
        foreach (var e in errors)
        {
            w.WriteStartObject();
            w.WriteString("path"u8, e.Path);
            w.WriteString("message"u8, e.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Items(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<DataItem> items)
    {
        if (items.Count == 0)
            return;
        w.WriteStartArray(name);
        foreach (var i in items)
            w.WriteStringValue(Vocabularies.DataItems.Name(i));
        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
