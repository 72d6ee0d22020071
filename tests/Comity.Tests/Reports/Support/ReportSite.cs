using System.Text;
using Comity.Cases;
using Comity.Engine;
using Comity.Law;
using Comity.Recording;
using Comity.Reports;
using Comity.Reports.Publishing;
using Comity.Tests.Cli.Support;

namespace Comity.Tests.Reports.Support;

/// <summary>A fresh data folder recording under the Los Angeles stack, and the report maker over it.</summary>
internal sealed class ReportSite : IDisposable
{
    private readonly TempDir dir = Repo.TempDir();

    public ReportSite()
    {
        StackDirectory = Repo.File("stacks/us/ca/los-angeles");
        Stack = StackLoader.Load(StackDirectory);
        Folder = RecordingFolder.Open(DataFolder, StackCatalog.ForStack(StackDirectory), TimeProvider.System);
        Mapping = ReportMapping.Load(StackDirectory, Stack);
    }

    public string StackDirectory { get; }
    public Stack Stack { get; }
    public ReportMapping Mapping { get; }
    public string DataFolder => Path.Combine(dir.Path, "data");
    public RecordingFolder Folder { get; }
    public CaseStore Cases => Folder.Cases;
    public CaseWorkflow Workflow => Folder.Workflow;

    public ReportMaker Maker(ReportStore? store = null, bool publishing = false, string? reason = null) => new(Folder.Ledger, Stack, Mapping, PersonKeys.ForDataFolder(DataFolder),
        commitment => Cases.FindIdentity(commitment)?.Identity) { Store = store, ForPublishing = publishing, Reason = reason };

    public async Task<RecordedDecision> Decide(string json)
    {
        var recorded = await Folder.Recorder.DecideAsync(Encoding.UTF8.GetBytes(json), "clerk");
        Assert.True(recorded.Error is null, recorded.Error?.Message);
        return recorded.Value!;
    }

    public void Dispose()
    {
        Folder.Dispose();
        dir.Dispose();
    }
}
