using System.Text;
using Comity.Cases;
using Comity.Documents;
using Comity.Engine;
using Comity.Recording;
using Comity.Tests.Cli.Support;
using Comity.Tests.Recording.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Documents;

/// <summary>
/// The document ICE sent, on its case: kind by content, size-limited, kept content-addressed and
/// owner-only, its SHA-256 (never its file name) in a document ledger entry; a changed byte in the
/// kept file fails case verification; a fillable PDF's fields are offered for the person.
/// </summary>
public abstract class CaseDocumentTests(StoreProvider provider)
{
    [Fact]
    public async Task An_attached_I247A_is_kept_under_its_hash_recorded_in_the_ledger_and_verifies()
    {
        using var site = new RecordingSite(provider);
        var id = (await site.DecideExample()).CaseId;
        var pdf = FillablePdf.FilledI247A();

        var attached = await site.Documents.AttachAsync(id, pdf, "clerk");

        Assert.Null(attached.Error);
        var digest = DocumentStore.Digest(pdf);
        var document = attached.Value!.Document;
        Assert.Equal(digest, document.Sha256);
        Assert.Equal(MediaTypes.Pdf, document.MediaType);
        Assert.Equal(pdf.Length, document.Bytes);
        var entry = site.Ledger.Read(document.LedgerIndex);
        Assert.Equal("document", entry.Kind);
        Assert.Equal(digest, entry.Body.GetProperty("document").GetString());
        Assert.Equal(id, entry.Body.GetProperty("case").GetInt64());
        Assert.Equal("clerk", entry.Body.GetProperty("recordedBy").GetString());
        Assert.Equal(pdf, File.ReadAllBytes(site.DocumentStore.PathOf(digest)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(site.DocumentStore.PathOf(digest)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(site.DocumentStore.Folder));
        }
        var c = site.Cases.Find(id)!;
        Assert.Equal(document, Assert.Single(c.Documents));
        Assert.Contains(c.Events, e => e.Kind == CaseEventKinds.Document && e.LedgerIndex == document.LedgerIndex);
        var verification = site.Verifier.Verify(id)!;
        Assert.True(verification.Verified, string.Join("\n", verification.Facts.Where(f => !f.Verified).Select(f => f.Detail)));
        Assert.Contains(verification.Facts, f => f.Fact == "document files" && f.Verified);
        Assert.Equal(pdf, site.Documents.Read(id, digest).Value!.Content);
    }

    [Fact]
    public async Task A_changed_byte_in_the_kept_file_fails_case_verification()
    {
        using var site = new RecordingSite(provider);
        var id = (await site.DecideExample()).CaseId;
        var pdf = FillablePdf.FilledI247A();
        await site.Documents.AttachAsync(id, pdf, "clerk");
        var path = site.DocumentStore.PathOf(DocumentStore.Digest(pdf));

        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var verification = site.Verifier.Verify(id)!;
        Assert.False(verification.Verified);
        var files = Assert.Single(verification.Facts, f => f.Fact == "document files");
        Assert.False(files.Verified);
        Assert.Contains("was changed after it was attached", files.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_row_edited_in_the_case_database_fails_verification()
    {
        using var site = new RecordingSite(provider);
        var id = (await site.DecideExample()).CaseId;
        await site.Documents.AttachAsync(id, FillablePdf.FilledI247A(), "clerk");

        site.Execute("UPDATE case_documents SET media_type = 'image/png'");

        var verification = site.Verifier.Verify(id)!;
        Assert.Contains(verification.Facts, f => f.Fact == "documents" && !f.Verified && f.Detail.Contains("image/png", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a text file named .pdf", "expected a PDF, or a PNG, JPEG or TIFF image (checked by the file's content, not its name)")]
    [InlineData("", "the file is empty")]
    public async Task A_file_that_is_not_a_document_is_refused_and_nothing_is_recorded(string text, string message)
    {
        using var site = new RecordingSite(provider);
        var id = (await site.DecideExample()).CaseId;
        var size = site.Ledger.Size;

        var attached = await site.Documents.AttachAsync(id, Encoding.UTF8.GetBytes(text), "clerk");

        Assert.Equal(RecordErrorKind.Invalid, attached.Error!.Kind);
        Assert.Equal(message, attached.Error.Message);
        Assert.Equal(size, site.Ledger.Size);
        Assert.False(Directory.Exists(site.DocumentStore.Folder));
    }

    [Fact]
    public async Task A_document_over_the_limit_or_attached_twice_or_on_a_void_case_is_refused()
    {
        using var site = new RecordingSite(provider);
        var id = (await site.DecideExample()).CaseId;
        var tooLarge = new byte[CaseDocuments.MaxBytes + 1];
        "%PDF-"u8.CopyTo(tooLarge);
        Assert.Contains("at most", (await site.Documents.AttachAsync(id, tooLarge, "clerk")).Error!.Message, StringComparison.Ordinal);

        var png = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
        Assert.Null((await site.Documents.AttachAsync(id, png, "clerk")).Error);
        var twice = await site.Documents.AttachAsync(id, png, "clerk");
        Assert.Equal(RecordErrorKind.Conflict, twice.Error!.Kind);

        Assert.Null((await site.Workflow.VoidAsync(id, CorrectionReason.Duplicate, null, "supervisor")).Error);
        Assert.Equal(RecordErrorKind.Conflict, (await site.Documents.AttachAsync(id, FillablePdf.FilledI247A(), "clerk")).Error!.Kind);
        Assert.Equal(RecordErrorKind.NotFound, (await site.Documents.AttachAsync(id + 100, png, "clerk")).Error!.Kind);
    }

    [Fact]
    public async Task The_case_database_rebuilt_from_the_ledger_holds_the_document()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var pdf = FillablePdf.FilledI247A();
        long id;
        using (var folder = RecordingFolder.Open(data, StackCatalog.ForStack(Repo.DemoStack), TimeProvider.System))
        {
            var recorded = await folder.Recorder.DecideAsync(Encoding.UTF8.GetBytes(CliExamples.ExampleLine()), "clerk");
            id = recorded.Value!.CaseId;
            var documents = new CaseDocuments(folder.Ledger, folder.Cases, new DocumentStore(data), TimeProvider.System);
            Assert.Null((await documents.AttachAsync(id, pdf, "clerk")).Error);
        }
        foreach (var file in Directory.GetFiles(data, CaseDatabase.FileName + "*"))
            File.Delete(file);

        using (var folder = RecordingFolder.Open(data, StackCatalog.ForStack(Repo.DemoStack), TimeProvider.System))
        {
            var c = folder.Cases.Find(id)!;
            Assert.Equal(DocumentStore.Digest(pdf), Assert.Single(c.Documents).Sha256);
            var verification = new CaseVerifier(folder.Cases, folder.Ledger, new DocumentStore(data)).Verify(id)!;
            Assert.True(verification.Verified, string.Join("\n", verification.Facts.Where(f => !f.Verified).Select(f => f.Detail)));
        }
    }

    [Fact]
    public void A_fillable_pdf_offers_who_the_person_is_from_its_fields()
    {
        var fields = FormFields.Read(FillablePdf.FilledI247A());

        Assert.Contains(new FormField("Subject Name", "Maria Example"), fields);
        var prefill = IdentityPrefill.From(fields);
        Assert.Equal(
            [new PrefillValue("name", "Maria Example", "Subject Name"), new PrefillValue("dateOfBirth", "1990-04-10", "Date of Birth"), new PrefillValue("aNumber", "A-123-456-789", "A-Number")],
            prefill);
    }

    [Fact]
    public void A_pdf_without_a_form_or_a_file_that_is_not_a_pdf_offers_nothing()
    {
        Assert.Empty(FormFields.Read(Encoding.ASCII.GetBytes("%PDF-1.7\nnot really a pdf")));
        Assert.Empty(FormFields.Read([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Empty(IdentityPrefill.From([new FormField("Remarks", "none")]));
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, MediaTypes.Pdf)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDB }, MediaTypes.Jpeg)]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00 }, MediaTypes.Tiff)]
    [InlineData(new byte[] { 0x4D, 0x4D, 0x00, 0x2A }, MediaTypes.Tiff)]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C }, null)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, null)]
    public void The_kind_is_read_from_the_first_bytes(byte[] content, string? expected) =>
        Assert.Equal(expected, MediaTypes.Sniff(content));
}

public sealed class CaseDocumentTestsOnSqlite() : CaseDocumentTests(StoreProvider.Sqlite);

public sealed class CaseDocumentTestsOnPostgres() : CaseDocumentTests(StoreProvider.Postgres);
