using System.Text.Encodings.Web;
using System.Text.Json;

namespace Comity.Contract;

/// <summary>
/// Writes answers exactly as contract v1 shows them: camelCase properties in the contract's order,
/// kebab-case enumerations, citations with their § signs as written. Extensions on reasons
/// (<c>items</c>, <c>decides</c>, <c>setAsideBy</c>, <c>overriddenBy</c>) and a layer's <c>possible</c>
/// outcomes (1.1) appear only when they say something. The request's <c>subject.identity</c> is
/// never written: an answer carries no field of the request but its <c>id</c>.
/// </summary>
public static class AnswerWriter
{
    /// <summary>Writer options every door uses, so the same answer is the same bytes everywhere.</summary>
    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static void Write(Utf8JsonWriter w, DecisionAnswer a)
    {
        // Indexed loops, not foreach: an interface's enumerator is an allocation per list per answer.
        w.WriteStartObject();
        if (a.Id is not null)
            w.WriteString(Names.Id, a.Id);
        w.WriteString(Names.Outcome, Vocabularies.Outcomes.Json(a.Outcome));
        if (a.Data.Count > 0)
        {
            w.WriteStartObject(Names.Data);
            for (var i = 0; i < a.Data.Count; i++)
                w.WriteString(Vocabularies.DataItems.Json(a.Data[i].Item), Vocabularies.Outcomes.Json(a.Data[i].Outcome));
            w.WriteEndObject();
        }
        w.WriteStartArray(Names.Layers);
        for (var i = 0; i < a.Layers.Count; i++)
            WriteLayer(w, a.Layers[i]);
        w.WriteEndArray();
        Strings(w, Names.DecidedBy, a.DecidedBy);
        w.WriteStartArray(Names.Reasons);
        for (var i = 0; i < a.Reasons.Count; i++)
            WriteReason(w, a.Reasons[i]);
        w.WriteEndArray();
        w.WriteStartArray(Names.Obligations);
        for (var i = 0; i < a.Obligations.Count; i++)
            WriteObligation(w, a.Obligations[i]);
        w.WriteEndArray();
        w.WriteStartArray(Names.Flags);
        for (var i = 0; i < a.Flags.Count; i++)
            w.WriteStringValue(Vocabularies.Flags.Json(a.Flags[i]));
        w.WriteEndArray();
        WritePolicy(w, a.Policy);
        w.WriteEndObject();
    }

    private static void WritePolicy(Utf8JsonWriter w, PolicyRef p)
    {
        Span<byte> day = stackalloc byte[IsoDate.Length];
        IsoDate.Format(p.AsOf, day);
        w.WriteStartObject(Names.Policy);
        w.WriteString(Names.Stack, p.Stack);
        w.WriteString(Names.AsOf, day);
        w.WriteString(Names.Digest, p.Digest);
        w.WriteEndObject();
    }

    /// <summary>The answer's property names, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
        public static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
        public static readonly JsonEncodedText Layers = JsonEncodedText.Encode("layers");
        public static readonly JsonEncodedText DecidedBy = JsonEncodedText.Encode("decidedBy");
        public static readonly JsonEncodedText Reasons = JsonEncodedText.Encode("reasons");
        public static readonly JsonEncodedText Obligations = JsonEncodedText.Encode("obligations");
        public static readonly JsonEncodedText Flags = JsonEncodedText.Encode("flags");
        public static readonly JsonEncodedText Policy = JsonEncodedText.Encode("policy");
        public static readonly JsonEncodedText Stack = JsonEncodedText.Encode("stack");
        public static readonly JsonEncodedText AsOf = JsonEncodedText.Encode("asOf");
        public static readonly JsonEncodedText Digest = JsonEncodedText.Encode("digest");
        public static readonly JsonEncodedText Citations = JsonEncodedText.Encode("citations");
        public static readonly JsonEncodedText Decides = JsonEncodedText.Encode("decides");
        public static readonly JsonEncodedText Effect = JsonEncodedText.Encode("effect");
        public static readonly JsonEncodedText Errors = JsonEncodedText.Encode("errors");
        public static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
        public static readonly JsonEncodedText Layer = JsonEncodedText.Encode("layer");
        public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText OverriddenBy = JsonEncodedText.Encode("overriddenBy");
        public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
        public static readonly JsonEncodedText Possible = JsonEncodedText.Encode("possible");
        public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
        public static readonly JsonEncodedText SetAsideBy = JsonEncodedText.Encode("setAsideBy");
        public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    }

    private static void WriteLayer(Utf8JsonWriter w, LayerResult l)
    {
        w.WriteStartObject();
        w.WriteString(Names.Layer, l.Layer);
        if (l.Outcome is { } o)
            w.WriteString(Names.Outcome, Vocabularies.Outcomes.Json(o));
        else
            w.WriteNull(Names.Outcome);
        if (l.Possible.Count > 0)
        {
            w.WriteStartArray(Names.Possible);
            foreach (var p in l.Possible)
                w.WriteStringValue(Vocabularies.Outcomes.Json(p));
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteReason(Utf8JsonWriter w, Reason r)
    {
        w.WriteStartObject();
        w.WriteString(Names.Rule, r.Rule);
        w.WriteString(Names.Layer, r.Layer);
        w.WriteString(Names.Effect, Vocabularies.Effects.Json(r.Effect));
        Strings(w, Names.Citations, r.Citations);
        w.WriteString(Names.Text, r.Text);
        w.WriteString(Names.Source, Vocabularies.SourceGrades.Json(r.Source));
        Items(w, Names.Items, r.Items);
        Items(w, Names.Decides, r.Decides);
        if (r.SetAsideBy.Count > 0)
            Strings(w, Names.SetAsideBy, r.SetAsideBy);
        if (r.OverriddenBy.Count > 0)
            Strings(w, Names.OverriddenBy, r.OverriddenBy);
        w.WriteEndObject();
    }

    private static void WriteObligation(Utf8JsonWriter w, Obligation o)
    {
        w.WriteStartObject();
        w.WriteString(Names.Rule, o.Rule);
        Strings(w, Names.Citations, o.Citations);
        w.WriteString(Names.Text, o.Text);
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
        w.WriteNumber(Names.Line, line);
        w.WriteStartArray(Names.Errors);
        foreach (var e in errors)
        {
            w.WriteStartObject();
            w.WriteString(Names.Path, e.Path);
            w.WriteString(Names.Message, e.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Items(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<DataItem> items)
    {
        if (items.Count == 0)
            return;
        w.WriteStartArray(name);
        for (var i = 0; i < items.Count; i++)
            w.WriteStringValue(Vocabularies.DataItems.Json(items[i]));
        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
            w.WriteStringValue(values[i]);
        w.WriteEndArray();
    }
}
