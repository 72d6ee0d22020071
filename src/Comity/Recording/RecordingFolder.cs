using Comity.Cases;
using Comity.Engine;
using Comity.Ledger;
using Comity.Storage;

namespace Comity.Recording;

/// <summary>
/// A data folder opened for recording from the command line, as the server opens it: the ledger,
/// the case database (brought up to the ledger first), and the <see cref="Recorder"/> over both,
/// so that a decision recorded by <c>comity decide --record</c> is a case at once.
/// </summary>
public sealed class RecordingFolder : IDisposable
{
    private readonly CaseDatabase database;

    private RecordingFolder(TransparencyLog ledger, CaseDatabase database, CaseStore cases, Recorder recorder, CaseWorkflow workflow, ProjectionReport caughtUp)
    {
        Workflow = workflow;
        Ledger = ledger;
        this.database = database;
        Cases = cases;
        Recorder = recorder;
        CaughtUp = caughtUp;
    }

    public TransparencyLog Ledger { get; }
    public CaseStore Cases { get; }
    public Recorder Recorder { get; }

    /// <summary>What follows a decision (referrals, reviews, duties served, corrections, voids, actions).</summary>
    public CaseWorkflow Workflow { get; }

    /// <summary>What bringing the case database up to the ledger did when the folder was opened.</summary>
    public ProjectionReport CaughtUp { get; }

    /// <exception cref="LedgerException">when the ledger cannot be opened for writing.</exception>
    /// <exception cref="CaseStoreException">when the case database cannot be opened.</exception>
    public static RecordingFolder Open(string dataFolder, StackCatalog catalog, TimeProvider time) =>
        Open(StoreLocation.Sqlite(dataFolder), catalog, time);

    /// <summary>Opens the ledger and the case database where <paramref name="store"/> says (SQLite in its data folder, or PostgreSQL).</summary>
    /// <exception cref="LedgerException">when the ledger cannot be opened for writing.</exception>
    /// <exception cref="CaseStoreException">when the case database cannot be opened.</exception>
    public static RecordingFolder Open(StoreLocation store, StackCatalog catalog, TimeProvider time)
    {
        var ledger = Stores.OpenLedger(store);
        CaseDatabase? database = null;
        try
        {
            database = Stores.OpenCases(store);
            var cases = new CaseStore(database);
            var caughtUp = new CaseProjection(ledger, cases, catalog).CatchUp();
            return new RecordingFolder(ledger, database, cases, new Recorder(catalog, ledger, cases, time), new CaseWorkflow(ledger, cases, catalog, time), caughtUp);
        }
        catch
        {
            database?.Dispose();
            ledger.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        // The ledger first: its writer finishes what is queued. Then the cases waiting on it.
        Ledger.Dispose();
        Cases.Dispose();
        database.Dispose();
    }
}
