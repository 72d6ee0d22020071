namespace Comity.Reports;

/// <summary>How making a report ended (the CLI's exit codes of reports.md section 9).</summary>
public enum ReportStatus
{
    Written = 0,
    PrivacyAuditFailed = 3,
    CheckFailed = 4,
    NotVerified = 5,
}

/// <summary>A report made: its status, its files by name (written only when <see cref="ReportStatus.Written"/>), and what to tell the person who asked.</summary>
public sealed class ReportBuild
{
    public ReportStatus Status { get; set; } = ReportStatus.Written;
    public SortedDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);
    public List<string> Messages { get; } = [];

    /// <summary>The corrections and voids the projection read (ledger index, kind, reason code, public note), for the next version's <c>corrections.csv</c>.</summary>
    public IReadOnlyList<(long Index, string Kind, string Reason, string Note, DateTimeOffset At)> Corrections { get; set; } = [];

    /// <summary>The manifest's facts, written into <c>manifest.json</c> last.</summary>
    public required ReportManifest Manifest { get; init; }

    public static ReportBuild Failed(ReportStatus status, string message, ReportManifest manifest)
    {
        var b = new ReportBuild { Status = status, Manifest = manifest };
        b.Messages.Add(message);
        return b;
    }
}
