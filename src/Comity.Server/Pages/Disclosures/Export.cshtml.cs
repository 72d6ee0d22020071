using Comity.Disclosure;
using Comity.Recording;
using Comity.Server.Hosting;
using Comity.Server.Auth;
using Comity.Server.Disclosures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Disclosures;

/// <summary>The cut export of a disclosure, byte for byte as its manifest's output.sha256 says; with a purpose (<c>purpose</c>, <c>note</c>), kept in its access entry.</summary>
[Authorize(Policy = nameof(Permission.ReadDisclosures))]
public sealed class ExportModel(DisclosureStore store) : PageModel
{
    public IActionResult OnGet(string id)
    {
        if (store.Find(id) is not { } found)
            return NotFound();
        // A cut export is records taken out: it needs a purpose (reports.md P8), checked where every read is recorded; the manifest's form asks for it.
        if (HttpContext.Items[AccessLogging.PurposeProblem] is AccessPurposeCheck problem)
            return BadRequest($"{problem.Problem} Go back to the disclosure's manifest and choose why you download.");
        Response.Headers.CacheControl = "no-store";
        return PhysicalFile(found.ExportPath, found.Format == RecordFormat.Csv ? "text/csv; charset=utf-8" : "application/jsonl",
            $"disclosure-{id}.{RecordFormats.Name(found.Format)}");
    }
}
