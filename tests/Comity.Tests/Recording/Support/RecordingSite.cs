using System.Text;
using Comity.Cases;
using Comity.Engine;
using Comity.Ledger;
using Comity.Recording;
using Comity.Tests.Cli.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Recording.Support;

/// <summary>
/// The core's recording part over a fresh data folder and the demonstration stack, with no door in
/// front of it: the ledger, the case database, the recorder, the workflow and the verifier; on
/// SQLite in the data folder, or with the case database in a fresh PostgreSQL database.
/// </summary>
internal sealed class RecordingSite : IDisposable
{
    private readonly TestStore store;

    public RecordingSite(StoreProvider provider = StoreProvider.Sqlite, StackCatalog? stacks = null)
    {
        store = TestStore.Create(provider);
        Folder = RecordingFolder.Open(store.Location, stacks ?? StackCatalog.ForStack(Repo.DemoStack), TimeProvider.System);
        Workflow = Folder.Workflow;
        DocumentStore = new Comity.Documents.DocumentStore(DataFolder);
        Documents = new Comity.Documents.CaseDocuments(Ledger, Cases, DocumentStore, TimeProvider.System);
        Verifier = new CaseVerifier(Cases, Ledger, DocumentStore);
    }

    public string DataFolder => store.DataFolder;

    /// <summary>Runs <paramref name="sql"/> on the case database behind the stores' back (to tamper with it); returns the rows changed.</summary>
    public int Execute(string sql) => store.Execute(sql);

    /// <summary>A second handle on the site's case database, as another part of the server opens it.</summary>
    public CaseDatabase OpenCaseDatabase() => CaseDatabase.Open(store.Location);
    public RecordingFolder Folder { get; }
    public TransparencyLog Ledger => Folder.Ledger;
    public Recorder Recorder => Folder.Recorder;
    public CaseStore Cases => Folder.Cases;
    public CaseWorkflow Workflow { get; }
    public CaseVerifier Verifier { get; }
    public Comity.Documents.DocumentStore DocumentStore { get; }
    public Comity.Documents.CaseDocuments Documents { get; }

    /// <summary>Decides and records the repository's example request (a deny with obligations under the demo stack) as <paramref name="by"/>.</summary>
    public async Task<RecordedDecision> DecideExample(string by = "clerk", string? id = null)
    {
        var recorded = await Recorder.DecideAsync(Encoding.UTF8.GetBytes(CliExamples.ExampleLine(id)), by);
        Assert.Null(recorded.Error);
        return recorded.Value!;
    }

    private bool closed;

    /// <summary>Closes the ledger and the case database (as a stopped server does), leaving the store to open again.</summary>
    public void Close()
    {
        if (!closed)
            Folder.Dispose();
        closed = true;
    }

    public void Dispose()
    {
        Close();
        store.Dispose();
    }
}
