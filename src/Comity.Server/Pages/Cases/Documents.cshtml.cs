using Comity.Documents;
using Comity.Recording;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Cases;

/// <summary>
/// The case page's "attach the document received" form posts here: the document is attached
/// (<see cref="CaseDocuments"/>) and the case page shown again, with what went wrong beside the
/// field. The body may be as large as a document may be, plus the form around it.
/// </summary>
[Authorize(Policy = nameof(Permission.AttachDocument))]
[RequestSizeLimit(CaseDocuments.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = CaseDocuments.MaxBytes + 64 * 1024)]
public sealed class DocumentsModel(CaseDocuments documents) : PageModel
{
    [BindProperty] public IFormFile? Document { get; set; }

    public IActionResult OnGet(long id) => Redirect($"/cases/{id}#papers");

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (Document is null || Document.Length == 0)
            return Back(id, "Choose the file to attach.");
        if (Document.Length > CaseDocuments.MaxBytes)
            return Back(id, $"The file is too large: a document can be at most {CaseDocuments.MaxBytes / 1024 / 1024} MB.");
        var content = new byte[Document.Length];
        await using (var stream = Document.OpenReadStream())
            await stream.ReadExactlyAsync(content, HttpContext.RequestAborted);
        var attached = await documents.AttachAsync(id, content, User.Name());
        if (attached.Error is { } error)
        {
            if (error.Kind == RecordErrorKind.NotFound && error.Path is null)
                return NotFound();
            return Back(id, char.ToUpperInvariant(error.Message[0]) + error.Message[1..] + ".");
        }
        var prefill = IdentityPrefill.From(FormFields.Read(content));
        TempData["Done"] = prefill.Count == 0
            ? "The document is attached, and its SHA-256 recorded in the ledger."
            : "The document is attached, and its SHA-256 recorded in the ledger. Its form fields say: "
              + string.Join("; ", prefill.Select(p => $"{Web.Papers.Fact(p.Fact)} {p.Value}")) + ". Check them against the case; to change the case, correct it.";
        return Redirect($"/cases/{id}#papers");
    }

    private RedirectResult Back(long id, string message)
    {
        TempData["DocumentError"] = message;
        return Redirect($"/cases/{id}#papers");
    }
}
