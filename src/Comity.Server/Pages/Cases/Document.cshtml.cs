using Comity.Documents;
using Comity.Recording;
using Comity.Server.Api;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Cases;

/// <summary>A document attached to a case, downloaded from the case page: only to those who may read the case.</summary>
[Authorize(Policy = nameof(Permission.ReadCases))]
public sealed class DocumentModel(CaseDocuments documents) : PageModel
{
    public IActionResult OnGet(long id, string sha256)
    {
        var read = documents.Read(id, DocumentStore.Normalize(sha256));
        if (read.Error is not null)
            return NotFound();
        var (document, content) = read.Value!;
        Response.Headers.CacheControl = "no-store";
        // An attachment when opened; an image element on the case page still shows a picture.
        return File(content, document.MediaType, DocumentsApi.FileName(id, document));
    }
}
