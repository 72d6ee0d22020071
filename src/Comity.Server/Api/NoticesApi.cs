using Comity.Notices;
using Comity.Recording;
using Comity.Server.Auth;

namespace Comity.Server.Api;

/// <summary>
/// The notices of a case (docs/notices.md): which the case calls for, and each printed as a PDF
/// (or a print-ready page) in a language, recorded in the ledger as handed over.
/// </summary>
public static class NoticesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cases/{id:long}/notices", List)
            .WithName("CaseNotices")
            .WithSummary("The notices a case calls for (from its duties, and the decision copy for the attorney), each with its citations, the language it prints in by default (the person's, when the notice has it) and every language with its review status")
            .Produces<CaseNoticesView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Allow(Permission.ReadCases);
        api.MapGet("/cases/{id:long}/notices/{notice}", Print)
            .WithName("PrintNotice")
            .WithSummary("A notice of the case, filled from it, as application/pdf (format=html: a print-ready page); language=TAG (default: the person's language when the notice has it, else en). " +
                "An unreviewed translation prints with the English beside it. Printing records a notice entry in the ledger (notice, language, template version and digest, review status, the document's SHA-256); " +
                "its index is in the Comity-Ledger-Index header.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Allow(Permission.ServeObligation);
    }

    private static IResult List(NoticeDesk desk, long id)
    {
        var listed = desk.List(id);
        return listed.Error is { } error ? Problem(error) : TypedResults.Ok(CaseNoticesView.From(listed.Value!));
    }

    private static async Task<IResult> Print(HttpContext context, NoticeDesk desk, long id, string notice, string? language, string? format)
    {
        var f = format?.ToLowerInvariant() switch
        {
            null or "pdf" => NoticeFormat.Pdf,
            "html" => NoticeFormat.Html,
            _ => (NoticeFormat?)null,
        };
        if (f is null)
            return Problems.BadRequest("format: expected pdf or html", "format");
        var printed = await desk.PrintAsync(id, notice, language, f.Value, context.User.Name());
        if (printed.Error is { } error)
            return Problem(error);
        var p = printed.Value!;
        context.Response.Headers["Comity-Ledger-Index"] = p.LedgerIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        if (f == NoticeFormat.Html)
            context.Response.Headers.ContentSecurityPolicy = Web.PrintPagePolicy.For(System.Text.Encoding.UTF8.GetString(p.Content));
        return f == NoticeFormat.Pdf
            ? TypedResults.File(p.Content, p.MediaType, p.FileName)
            : TypedResults.Bytes(p.Content, p.MediaType);
    }

    /// <summary>Templates or fonts that are not there are the server's fault, not the caller's: 503 naming the file or package.</summary>
    private static IResult Problem(RecordError error) => error.Kind == RecordErrorKind.Unavailable
        ? TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The notice cannot be printed here", detail: error.Message)
        : error.ToProblem();
}

/// <summary>The notices a case calls for.</summary>
public sealed record CaseNoticesView(long Case, string? PersonLanguage, NoticeView[] Notices)
{
    public static CaseNoticesView From(CaseNoticeList list) => new(list.CaseId, list.PersonLanguage, [.. list.Notices.Select(n =>
        new NoticeView(n.Notice, n.Title, [.. n.Cites], [.. n.Duties], n.Language,
            [.. n.Languages.Select(l => new NoticeLanguageView(l.Language, l.Version, l.Review.ToString().ToLowerInvariant(), l.EnglishBeside, l.Digest))],
            $"{ApiRoutes.Prefix}/cases/{list.CaseId}/notices/{n.Notice}?language={n.Language}"))]);
}

/// <summary>A notice: <c>duties</c> are the obligation rules that call for it (<c>*</c>: every case); <c>href</c> prints it in <c>language</c>.</summary>
public sealed record NoticeView(string Notice, string Title, string[] Cites, string[] Duties, string Language, NoticeLanguageView[] Languages, string Href);

/// <summary>One language of a notice: its template version and digest, its review status, and whether it prints with the English beside it.</summary>
public sealed record NoticeLanguageView(string Language, string Version, string Review, bool EnglishBeside, string Digest);
