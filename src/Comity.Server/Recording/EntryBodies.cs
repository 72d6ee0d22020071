using System.Globalization;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;

namespace Comity.Server.Recording;

/// <summary>
/// The JSON bodies of the ledger entries the server writes. Each says who recorded it and when
/// (the server's clock, UTC); every entry after a decision names the case and the decision's
/// ledger index, so the ledger alone tells a case's whole history.
/// </summary>
internal static class EntryBodies
{
    /// <summary><c>decision</c>: the request exactly as received and the answer without its receipt.</summary>
    public static byte[] Decision(ReadOnlyMemory<byte> requestJson, DecisionAnswer answer, string by, DateTimeOffset at) => Write(w =>
    {
        w.WritePropertyName("request"u8);
        w.WriteRawValue(requestJson.Span, skipInputValidation: true);
        w.WritePropertyName("answer"u8);
        AnswerWriter.Write(w, answer);
        Who(w, by, at);
    });

    /// <summary><c>referral</c>: the case was sent to counsel, with a note.</summary>
    public static byte[] Referral(CaseSummary c, string note, string by, DateTimeOffset at) => Write(w =>
    {
        About(w, c);
        w.WriteString("note"u8, note);
        Who(w, by, at);
    });

    /// <summary><c>review</c>: counsel's verdict, the outcome it settles on and the justification.</summary>
    public static byte[] Review(CaseSummary c, ReviewVerdict verdict, Outcome outcome, string justification, string by, DateTimeOffset at) => Write(w =>
    {
        About(w, c);
        w.WriteString("verdict"u8, CaseVocabularies.Verdicts.Name(verdict));
        w.WriteString("outcome"u8, Vocabularies.Outcomes.Name(outcome));
        w.WriteString("justification"u8, justification);
        Who(w, by, at);
    });

    /// <summary><c>obligation</c>: a duty was met, when and by whom as the officer says.</summary>
    public static byte[] ObligationServed(CaseSummary c, string rule, string servedAt, string servedBy, string by, DateTimeOffset at) => Write(w =>
    {
        About(w, c);
        w.WriteString("rule"u8, rule);
        w.WriteString("servedAt"u8, servedAt);
        w.WriteString("servedBy"u8, servedBy);
        Who(w, by, at);
    });

    private static void About(Utf8JsonWriter w, CaseSummary c)
    {
        w.WriteNumber("case"u8, c.Id);
        w.WriteNumber("decision"u8, c.LedgerIndex);
    }

    private static void Who(Utf8JsonWriter w, string by, DateTimeOffset at)
    {
        w.WriteString("recordedBy"u8, by);
        w.WriteString("recordedAt"u8, at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Compact))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
