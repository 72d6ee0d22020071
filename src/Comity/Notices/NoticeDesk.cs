using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Comity.Cases;
using Comity.Engine;
using Comity.Ledger;
using Comity.Notices.Internal;
using Comity.Recording;
using Comity.Recording.Entries;

namespace Comity.Notices;

/// <summary>A notice a case calls for: its title, what it rests on, and the languages it can be printed in.</summary>
/// <param name="Language">The language it prints in unless another is asked for: the person's, when the notice has it, else English.</param>
public sealed record CaseNotice(string Notice, string Title, IReadOnlyList<string> Cites, IReadOnlyList<string> Duties, string Language, IReadOnlyList<NoticeLanguage> Languages);

/// <summary>The notices a case calls for, and the person's language as the case records it (null when not recorded).</summary>
public sealed record CaseNoticeList(long CaseId, string? PersonLanguage, IReadOnlyList<CaseNotice> Notices);

/// <summary>How a notice is printed: a PDF, or a page for the browser's print.</summary>
public enum NoticeFormat { Pdf, Html }

/// <summary>A notice printed for handing over, and the ledger entry that records which text was handed.</summary>
public sealed record PrintedNotice(byte[] Content, string MediaType, string FileName, NoticeEntry Entry, long LedgerIndex);

/// <summary>
/// The notices of a case: which the case calls for (from its duties), and each printed in a
/// language, filled from the case, recorded in the ledger as handed over (the notice, language,
/// template version and digest, review status, and the SHA-256 of the document printed) before the
/// document leaves. Every door (HTTP, the web app, <c>comity notice</c>) calls this.
/// </summary>
public sealed partial class NoticeDesk(TransparencyLog ledger, CaseStore cases, StackCatalog catalog, string stacksRoot, string? dataFolder, TimeProvider time)
{
    /// <summary>The notices case <paramref name="caseId"/> calls for.</summary>
    public Recorded<CaseNoticeList> List(long caseId)
    {
        if (cases.Find(caseId) is not { } c)
            return new RecordError(RecordErrorKind.NotFound, $"there is no case {caseId}");
        if (c.IsVoid)
            return new RecordError(RecordErrorKind.Conflict, $"case {caseId} is void: it calls for no notice");
        var opened = OpenLibrary(c);
        if (opened.Error is { } error)
            return error;
        var library = opened.Value!;
        string? person;
        try
        {
            person = CaseNoticeFacts.PersonOf(c)?.Language;
        }
        catch (FormatException e)
        {
            return new RecordError(RecordErrorKind.Conflict, e.Message);
        }
        var notices = library.CalledFor(c.Obligations.Select(o => o.Rule)).Select(n =>
        {
            var english = library.EnglishOf(n)!;
            var language = person is not null && library.Find(n, person) is { } t ? t.Language : NoticeLibrary.English;
            return new CaseNotice(n, english.Title, english.Cites, english.Duties, language, library.LanguagesOf(n));
        }).ToList();
        return new CaseNoticeList(caseId, person, notices);
    }

    /// <summary>
    /// Prints <paramref name="notice"/> of case <paramref name="caseId"/> in <paramref name="language"/>
    /// (null: the person's language when the notice has it, else English) and records it as handed over.
    /// </summary>
    public async Task<Recorded<PrintedNotice>> PrintAsync(long caseId, string notice, string? language, NoticeFormat format, string recordedBy)
    {
        if (language is not null && !LanguageTag().IsMatch(language))
            return new RecordError(RecordErrorKind.Invalid, "language: expected a language tag such as es, zh or zh-Hant", "language");
        var listed = List(caseId);
        if (listed.Error is { } error)
            return error;
        var called = listed.Value!.Notices.FirstOrDefault(n => n.Notice == notice);
        if (called is null)
            return new RecordError(RecordErrorKind.NotFound,
                $"case {caseId} does not call for the notice \"{notice}\"; it calls for {string.Join(", ", listed.Value.Notices.Select(n => n.Notice))}");
        var c = cases.Find(caseId)!;
        var library = OpenLibrary(c).Value!;
        FilledNotice filled;
        byte[] content;
        try
        {
            filled = FilledNotice.Fill(library, notice, language ?? called.Language, CaseNoticeFacts.Of(c, catalog));
            content = format == NoticeFormat.Pdf ? NoticePdf.Render(filled) : Encoding.UTF8.GetBytes(NoticeHtml.Render(filled));
        }
        catch (NoticeException e) when (e.Message.Contains("has no template in", StringComparison.Ordinal))
        {
            return new RecordError(RecordErrorKind.NotFound, e.Message, "language");
        }
        catch (NoticeException e)
        {
            return new RecordError(RecordErrorKind.Unavailable, e.Message);
        }
        catch (FormatException e)
        {
            return new RecordError(RecordErrorKind.Conflict, e.Message);
        }
        var t = filled.Template;
        var formatName = format == NoticeFormat.Pdf ? "pdf" : "html";
        var entry = new NoticeEntry(caseId, c.Summary.LedgerIndex, notice, t.Language, t.Version, t.Digest,
            t.Review.Status.ToString().ToLowerInvariant(), filled.EnglishBeside, formatName,
            "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)), recordedBy);
        var body = entry.Write();
        var at = time.GetUtcNow();
        var receipt = await ledger.AppendAsync(new LedgerEntry(NoticeEntry.Kind, body, at)).ConfigureAwait(false);
        // The printing joins the case's timeline (and its verification), as every entry that points at the decision does.
        cases.AddEvent(caseId, new CaseEvent(receipt.Index, NoticeEntry.Kind, recordedBy, at, Encoding.UTF8.GetString(body), Encoding.UTF8.GetString(ReceiptJson.Of(receipt))));
        return new PrintedNotice(content, format == NoticeFormat.Pdf ? "application/pdf" : "text/html; charset=utf-8",
            $"case-{caseId}-{notice}-{t.Language}.{formatName}", entry, receipt.Index);
    }

    private Recorded<NoticeLibrary> OpenLibrary(CaseDetail c)
    {
        try
        {
            using var body = System.Text.Json.JsonDocument.Parse(c.Current.BodyJson);
            var stack = CaseNoticeFacts.DecisionOf(c.Current.Kind, body.RootElement).Stack;
            return NoticeLibrary.Open(stacksRoot, stack, dataFolder);
        }
        catch (NoticeException e)
        {
            return new RecordError(RecordErrorKind.Unavailable, e.Message);
        }
        catch (FormatException e)
        {
            return new RecordError(RecordErrorKind.Unavailable, $"case {c.Summary.Id}: {e.Message}");
        }
    }

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$")]
    private static partial Regex LanguageTag();
}
