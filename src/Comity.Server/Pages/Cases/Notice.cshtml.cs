using System.Text;
using Comity.Notices;
using Comity.Recording;
using Comity.Server.Auth;
using Comity.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Cases;

/// <summary>
/// A notice of the case, printed from the case page as a PDF (or a print page with format=html), in
/// a language; the printing is recorded in the ledger as handed over (<see cref="NoticeDesk"/>), as
/// through the API. Staff who serve notices print them.
/// </summary>
[Authorize(Policy = nameof(Permission.ServeObligation))]
public sealed class NoticeModel(NoticeDesk desk) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, string notice, string? language, string? format)
    {
        var f = format?.ToLowerInvariant() switch
        {
            null or "pdf" => NoticeFormat.Pdf,
            "html" => NoticeFormat.Html,
            _ => (NoticeFormat?)null,
        };
        if (f is null)
            return BadRequest();
        var printed = await desk.PrintAsync(id, notice, language, f.Value, User.Name());
        if (printed.Error is { } error)
            return error.Kind switch
            {
                RecordErrorKind.NotFound => NotFound(),
                RecordErrorKind.Invalid => BadRequest(),
                RecordErrorKind.Conflict => StatusCode(StatusCodes.Status409Conflict),
                _ => StatusCode(StatusCodes.Status503ServiceUnavailable),
            };
        var p = printed.Value!;
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Comity-Ledger-Index"] = p.LedgerIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (f == NoticeFormat.Pdf)
            return File(p.Content, p.MediaType, p.FileName);
        Response.Headers.ContentSecurityPolicy = PrintPagePolicy.For(Encoding.UTF8.GetString(p.Content));
        return File(p.Content, p.MediaType);
    }
}
