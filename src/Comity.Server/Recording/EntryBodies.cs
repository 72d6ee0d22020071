using System.Text.Json;
using Comity.Cases;
using Comity.Contract;

namespace Comity.Server.Recording;

/// <summary>
/// The JSON bodies of the ledger entries the server writes. Each says who recorded it (the ledger
/// entry itself says when); every entry after a decision names the case and the decision's ledger
/// index, so the ledger alone tells a case's whole history.
/// </summary>
internal static class EntryBodies
{
    /// <summary>
    /// <c>decision</c>: the shape of the ledger's <see cref="Ledger.DecisionRecord"/> (the answer without
    /// its receipt, the request exactly as received, the stack's digest), and who recorded it. The
    /// answer is written here once, compact: <paramref name="answerJson"/> is where it lies in the
    /// body, so that the response reuses these bytes instead of writing the answer again.
    /// </summary>
    public static byte[] Decision(ReadOnlySpan<byte> requestJson, DecisionAnswer answer, string by, out Range answerJson)
    {
        var w = JsonScratch.Start(out var buffer);
        w.WriteStartObject();
        w.WritePropertyName("answer"u8);
        w.Flush();
        var start = buffer.WrittenCount;
        AnswerWriter.Write(w, answer);
        w.Flush();
        answerJson = start..buffer.WrittenCount;
        w.WriteString("recordedBy"u8, by);
        w.WritePropertyName("request"u8);
        w.WriteRawValue(requestJson, skipInputValidation: true);
        w.WriteString("stackDigest"u8, answer.Policy.Digest);
        w.WriteEndObject();
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>referral</c>: the case was sent to counsel, with a note.</summary>
    public static byte[] Referral(CaseSummary c, string note, string by) => Write(w =>
    {
        About(w, c);
        w.WriteString("note"u8, note);
        Who(w, by);
    });

    /// <summary><c>review</c>: counsel's verdict, the outcome it settles on and the justification.</summary>
    public static byte[] Review(CaseSummary c, ReviewVerdict verdict, Outcome outcome, string justification, string by) => Write(w =>
    {
        About(w, c);
        w.WriteString("verdict"u8, CaseVocabularies.Verdicts.Name(verdict));
        w.WriteString("outcome"u8, Vocabularies.Outcomes.Name(outcome));
        w.WriteString("justification"u8, justification);
        Who(w, by);
    });

    /// <summary><c>obligation</c>: a duty was met, when and by whom as the officer says.</summary>
    public static byte[] ObligationServed(CaseSummary c, string rule, string servedAt, string servedBy, string by) => Write(w =>
    {
        About(w, c);
        w.WriteString("rule"u8, rule);
        w.WriteString("servedAt"u8, servedAt);
        w.WriteString("servedBy"u8, servedBy);
        Who(w, by);
    });

    private static void About(Utf8JsonWriter w, CaseSummary c)
    {
        w.WriteNumber("case"u8, c.Id);
        w.WriteNumber("decision"u8, c.LedgerIndex);
    }

    private static void Who(Utf8JsonWriter w, string by) => w.WriteString("recordedBy"u8, by);

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var w = JsonScratch.Start(out var buffer);
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
