using System.ComponentModel;
using System.Globalization;
using Comity.Documents;
using Comity.Recording;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Comity.Server.Api;

/// <summary>
/// The document received with a request, on its case: POST one (multipart, part <c>document</c>),
/// GET it back by its SHA-256. Kind by content, size-limited, recorded as a <c>document</c> ledger
/// entry that names its hash and never its file name.
/// </summary>
public static class DocumentsApi
{
    /// <summary>What the multipart body may hold beyond the document itself (boundaries, headers).</summary>
    private const long Envelope = 64 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id:long}/documents", Attach)
            .WithName("AttachDocument")
            .WithSummary($"Attach the document received with the request (the I-247A, the warrant, the letter) to its case: multipart/form-data with one part, document (the file; at most {CaseDocuments.MaxBytes} bytes; " +
                "a PDF, PNG, JPEG or TIFF, checked by its content, not its name or Content-Type). It is kept in the data folder under its SHA-256 and recorded as a document ledger entry naming that hash, " +
                "its kind and size, never the file's name. 201 with the document; when it is a fillable PDF, prefill holds the form's values that say who the person is, for the clerk to confirm.")
            .AddOpenApiOperationTransformer(Hosting.MultipartFormDocs.Describe<DocumentForm>)
            .Produces<DocumentView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .Allow(Permission.AttachDocument);
        api.MapGet("/cases/{id:long}/documents/{sha256}", Download)
            .WithName("CaseDocument")
            .WithSummary("A document attached to the case, byte for byte, by its SHA-256 (sha256:HEX or the 64 hex digits), as an attachment of its media type")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .Produces(StatusCodes.Status200OK, contentType: "image/tiff")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadCases);
    }

    public static string PathOf(long caseId, string sha256) => $"{ApiRoutes.Prefix}/cases/{caseId}/documents/{sha256}";

    private static async Task<IResult> Attach(HttpContext context, CaseDocuments documents, long id)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = CaseDocuments.MaxBytes + Envelope;
        if (!context.Request.HasFormContentType || !(context.Request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Problems.BadRequest("send multipart/form-data with one part, document (the file)", "document");
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The document is too large",
                detail: $"a document can have at most {CaseDocuments.MaxBytes} bytes");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Problems.BadRequest($"the multipart body is malformed: {e.Message}", "document");
        }
        if (form.Files.GetFile("document") is not { } file || form.Files.Count != 1)
            return Problems.BadRequest("send exactly one file, in the part named document", "document");
        if (file.Length > CaseDocuments.MaxBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The document is too large",
                detail: $"the file has {file.Length} bytes; a document can have at most {CaseDocuments.MaxBytes}");
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(content, context.RequestAborted);
        var attached = await documents.AttachAsync(id, content, context.User.Name());
        if (attached.Error is { } error)
            return error.ToProblem();
        var view = DocumentView.From(id, attached.Value!.Document, IdentityPrefill.From(FormFields.Read(content)));
        return TypedResults.Created(view.Href, view);
    }

    private static IResult Download(HttpContext context, CaseDocuments documents, long id, string sha256)
    {
        var read = documents.Read(id, DocumentStore.Normalize(sha256));
        if (read.Error is { } error)
            return error.Kind == RecordErrorKind.Unavailable
                ? TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The document's file is missing", detail: error.Message)
                : error.ToProblem();
        var (document, content) = read.Value!;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(content, document.MediaType, FileName(id, document));
    }

    /// <summary>The name a download takes: the case and the start of the hash, never the name it was uploaded under.</summary>
    public static string FileName(long caseId, Comity.Cases.CaseDocument d) =>
        string.Create(CultureInfo.InvariantCulture, $"case-{caseId}-document-{d.Sha256["sha256:".Length..][..12]}.{MediaTypes.Extension(d.MediaType)}");

    /// <summary>Stands for the multipart form in the OpenAPI document.</summary>
    public sealed class DocumentForm
    {
        [Description("The document received (PDF, PNG, JPEG or TIFF; its kind is read from its content).")]
        public required IFormFile Document { get; init; }
    }
}

/// <summary>A document attached to a case: its SHA-256 (also where it is downloaded), media type, size, ledger entry and who attached it when.</summary>
/// <param name="Prefill">For a fillable PDF: the values its fields give for who the person is (a fact of subject.identity, the value, the field it came from), to be confirmed by the clerk; empty otherwise.</param>
public sealed record DocumentView(string Sha256, string MediaType, long Bytes, long LedgerIndex, string RecordedBy, DateTimeOffset RecordedAt, string Href, PrefillView[] Prefill)
{
    public static DocumentView From(long caseId, Comity.Cases.CaseDocument d, IReadOnlyList<PrefillValue> prefill) =>
        new(d.Sha256, d.MediaType, d.Bytes, d.LedgerIndex, d.RecordedBy, d.RecordedAt, DocumentsApi.PathOf(caseId, d.Sha256),
            [.. prefill.Select(p => new PrefillView(p.Fact, p.Value, p.FromField))]);
}

/// <summary>A value read from a fillable PDF for one fact of subject.identity (name, dateOfBirth, aNumber, bookingNumber, fbiNumber, ciiNumber), and the form field it came from.</summary>
public sealed record PrefillView(string Fact, string Value, string Field);
