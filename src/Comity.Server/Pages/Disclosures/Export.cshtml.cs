using Comity.Disclosure;
using Comity.Server.Auth;
using Comity.Server.Disclosures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Disclosures;

/// <summary>The cut export of a disclosure, byte for byte as its manifest's output.sha256 says.</summary>
[Authorize(Policy = nameof(Permission.ReadDisclosures))]
public sealed class ExportModel(DisclosureStore store) : PageModel
{
    public IActionResult OnGet(string id)
    {
        if (store.Find(id) is not { } found)
            return NotFound();
        Response.Headers.CacheControl = "no-store";
        return PhysicalFile(found.ExportPath, found.Format == RecordFormat.Csv ? "text/csv; charset=utf-8" : "application/jsonl",
            $"disclosure-{id}.{RecordFormats.Name(found.Format)}");
    }
}
