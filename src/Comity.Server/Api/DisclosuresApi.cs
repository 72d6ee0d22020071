using System.ComponentModel;
using Comity.Disclosure;
using Comity.Server.Auth;
using Comity.Server.Disclosures;
using Comity.Recording;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Comity.Server.Api;

/// <summary>
/// The disclosure firewall over HTTP (docs/disclosure.md): POST /api/v1/disclosures decides a
/// disclose or bulk-disclose request and cuts the uploaded export to what the decision releases as
/// it streams in, never holding it in memory; GET the manifest and the cut export afterwards.
/// </summary>
public static class DisclosuresApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/disclosures", Disclose)
            .WithName("Disclose")
            .WithSummary("Decide a disclosure request and cut the uploaded export (CSV or JSON Lines, streamed, any size) to the fields and rows the decision releases; " +
                "the manifest is recorded in the ledger. multipart/form-data: parts request (contract v1 JSON, act disclose or bulk-disclose), catalog (the record system: " +
                "file name or system id among the stack's catalogs; optional when the stack has one), subject (FIELD=VALUE, once per subject field, for disclose), " +
                "format (csv or jsonl; default from the export's Content-Type or file name), then export (the file), last. 201 with the manifest; Location is the " +
                "disclosure, Link rel=export its cut file. A malformed export is a 422 naming file, line and column; nothing is released.")
            .AddOpenApiOperationTransformer(Hosting.MultipartFormDocs.Describe<DisclosureForm>)
            .Produces(StatusCodes.Status201Created, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .Allow(Permission.Disclose);
        api.MapGet("/disclosures/{id}", Manifest)
            .WithName("DisclosureManifest")
            .WithSummary("The manifest of a disclosure, with its ledger receipt (as POST /disclosures answered)")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadDisclosures);
        api.MapGet("/disclosures/{id}/export", Export)
            .WithName("DisclosureExport")
            .WithSummary("The cut export of a disclosure, byte for byte as its manifest's output.sha256 says; needs purpose (and note for other), kept in its access ledger entry (reports.md P8)")
            .AddOpenApiOperationTransformer(Hosting.AccessPurposeDocs.ForExport)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/jsonl")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadDisclosures);
    }

    public static string ExportPath(string id) => $"{ApiRoutes.Prefix}/disclosures/{id}/export";

    private static async Task Disclose(HttpContext context, Discloser discloser)
    {
        var cancel = context.RequestAborted;
        // The export may be larger than memory: the server's limit on bodies does not apply, and the body is never buffered.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            await DisclosureUpload.PartProblem("Content-Type", "send multipart/form-data with a boundary: parts request, catalog, subject, format, then export (the file) last").ExecuteAsync(context);
            return;
        }
        var reader = new MultipartReader(boundary, context.Request.Body, 64 * 1024) { BodyLengthLimit = null };

        DisclosureUpload? upload;
        IResult? problem;
        try
        {
            (upload, problem) = await DisclosureUpload.ReadHead(reader, cancel);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            (upload, problem) = DisclosureUpload.Problem("multipart", $"the multipart body is malformed: {e.Message}");
        }
        if (problem is not null)
        {
            await problem.ExecuteAsync(context);
            return;
        }

        DisclosurePlan plan;
        try
        {
            var planned = discloser.Plan(upload!.Request, upload.Catalog, upload.Subject);
            if (planned.Error is { } error)
            {
                await (error.Kind == RecordErrorKind.Unavailable ? error.ToProblem()
                    : error.ContractErrors is { } errors ? Problems.Contract(errors)
                    : DisclosureUpload.PartProblem(error.Path ?? "request", error.Message)).ExecuteAsync(context);
                return;
            }
            plan = planned.Value!;
        }
        catch (DisclosureException e)
        {
            await Located(StatusCodes.Status400BadRequest, "The request cannot be cut with this catalog; nothing was released", e).ExecuteAsync(context);
            return;
        }

        // The cut reads the export synchronously, on a thread of its own, straight off the connection.
        if (context.Features.Get<IHttpBodyControlFeature>() is { } body)
            body.AllowSynchronousIO = true;
        PendingDisclosure pending;
        try
        {
            pending = await Task.Factory.StartNew(() => discloser.Cut(plan, upload.Export.Body, upload.Format, upload.FileName),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (DisclosureException e)
        {
            await Located(StatusCodes.Status422UnprocessableEntity, "The export cannot be cut; nothing was released", e).ExecuteAsync(context);
            return;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or OperationCanceledException)
        {
            if (!cancel.IsCancellationRequested)
                await DisclosureUpload.PartProblem("export", $"the upload ended before the export did ({e.Message}); nothing was released").ExecuteAsync(context);
            return;
        }

        using (pending)
        {
            if (!await EndsAfterExport(reader, cancel))
            {
                await DisclosureUpload.PartProblem("export", "the export must be the last part, and the multipart body must close after it; nothing was released").ExecuteAsync(context);
                return;
            }
            var recorded = await discloser.RecordAsync(pending, upload.Request, ExportPath(pending.Id), context.User.Name());
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers.Location = $"{ApiRoutes.Prefix}/disclosures/{recorded.Id}";
            context.Response.Headers.Link = $"<{ExportPath(recorded.Id)}>; rel=\"export\"";
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = recorded.ManifestJson.Length;
            await context.Response.Body.WriteAsync(recorded.ManifestJson, cancel);
        }
    }

    /// <summary>No part follows the export, and the body closes properly (an upload cut short is refused, not guessed complete).</summary>
    private static async Task<bool> EndsAfterExport(MultipartReader reader, CancellationToken cancel)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancel) is null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return false;
        }
    }

    private static IResult Manifest(DisclosureStore store, string id) =>
        store.Find(id) is { } found ? TypedResults.PhysicalFile(found.ManifestPath, "application/json") : NotFound(id);

    private static IResult Export(DisclosureStore store, string id) => store.Find(id) is { } found
        ? TypedResults.PhysicalFile(found.ExportPath, found.Format == RecordFormat.Csv ? "text/csv; charset=utf-8" : "application/jsonl",
            $"disclosure-{id}.{RecordFormats.Name(found.Format)}")
        : NotFound(id);

    private static IResult NotFound(string id) => Problems.NotFound($"there is no disclosure {id}");

    /// <summary>Errors with their place: the file as named (the upload's file name, "request" or the catalog's file), line and column (0: the whole file).</summary>
    private static IResult Located(int status, string title, DisclosureException e) => TypedResults.Problem(
        statusCode: status, title: title, detail: string.Join("; ", e.Errors),
        extensions: new Dictionary<string, object?> { ["errors"] = e.Errors.Select(x => new { file = x.File, line = x.Line, column = x.Column, message = x.Message }).ToArray() });

    /// <summary>Stands for the multipart form in the OpenAPI document; the server reads the parts itself, in order, as a stream.</summary>
    public sealed class DisclosureForm
    {
        [Description("The disclosure request: contract v1 JSON, act disclose or bulk-disclose. First.")]
        public required string Request { get; init; }

        [Description("The export's record system: a catalog file name (booking-records) or system id (lapd-booking-records) of the deciding stack; optional when the stack has one catalog.")]
        public string? Catalog { get; init; }

        [Description("For act disclose: FIELD=VALUE for each subject field the catalog names (one part each); only rows holding exactly these values are released.")]
        public string[]? Subject { get; init; }

        [Description("csv or jsonl; default from the export part's Content-Type (text/csv, application/jsonl) or file name.")]
        public string? Format { get; init; }

        [Description("The export to cut (CSV or JSON Lines, UTF-8), last; streamed, of any size.")]
        public required IFormFile Export { get; init; }
    }
}
