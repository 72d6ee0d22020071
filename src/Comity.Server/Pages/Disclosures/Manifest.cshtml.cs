using System.Text.Json;
using Comity.Cases;
using Comity.Server.Auth;
using Comity.Server.Disclosures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Disclosures;

/// <summary>A disclosure's manifest, for a person: what was kept, what was dropped and why, the warnings, and the cut to download.</summary>
[Authorize(Policy = nameof(Permission.ReadDisclosures))]
public sealed class ManifestModel(DisclosureStore store, CaseStore cases) : PageModel
{
    public string Id { get; private set; } = "";
    public JsonElement Manifest { get; private set; }
    public long? CaseId { get; private set; }

    public IActionResult OnGet(string id)
    {
        if (store.Find(id) is not { } found)
            return NotFound();
        Id = id;
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(found.ManifestPath));
        Manifest = document.RootElement.Clone();
        CaseId = cases.DisclosureCase(id);
        return Page();
    }

    /// <summary>Why a field was kept or dropped, in words.</summary>
    public static string Basis(string basis) => basis switch
    {
        "permit" => "Kept: the law permits releasing it",
        "must-comply" => "Kept: the law requires releasing it",
        "deny" => "Dropped: the law forbids releasing it",
        "refer-to-counsel" => "Dropped: referred to counsel (when unsure, nothing is released)",
        "not-requested" => "Dropped: the request did not ask for it",
        "catalog-none" => "Dropped: the catalog says it is never released",
        "unmapped" => "Dropped: the catalog does not name it (never released)",
        _ => basis,
    };
}
