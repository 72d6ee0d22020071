using Comity.Ledger;
using Comity.Server.Auth;
using Comity.Recording;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages;

[Authorize(Policy = nameof(Permission.ReadLedger))]
public sealed class LedgerModel(TransparencyLog ledger, CaseVerifier verifier) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "case")] public string? CaseId { get; set; }

    public string Checkpoint { get; private set; } = "";
    public long Size { get; private set; }
    public string Key { get; private set; } = "";
    public CaseVerification? Verification { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
        var checkpoint = ledger.Checkpoint();
        Checkpoint = checkpoint.Note;
        Size = checkpoint.Size;
        Key = ledger.Verifier.Encoded;
        if (string.IsNullOrWhiteSpace(CaseId))
            return;
        if (!long.TryParse(CaseId.Trim().TrimStart('#'), out var id))
            Error = "Enter a case number, such as 12.";
        else if ((Verification = verifier.Verify(id)) is null)
            Error = $"There is no case {id}.";
        if (Error is not null)
            Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
