using Comity.Ledger;

namespace Comity.Server.Web;

/// <summary>How far a whole-ledger verification has come, and what it found once done.</summary>
public sealed record LedgerVerificationState(long Done, long Total, bool Finished, VerificationReport? Report, string StartedBy, DateTimeOffset StartedAt)
{
    public int Percent => Total == 0 ? (Finished ? 100 : 0) : (int)Math.Min(100, Done * 100 / Total);
}

/// <summary>
/// The ledger page's "verify the whole ledger": one verification at a time, run off the request
/// (every entry is hashed again, which takes a while on a long ledger), its progress read by the
/// page as it goes. A second request while one runs shows the one running.
/// </summary>
public sealed class LedgerVerifications(TransparencyLog ledger, TimeProvider time)
{
    private readonly Lock _lock = new();
    private LedgerVerificationState? _state;

    public LedgerVerificationState? Current
    {
        get
        {
            lock (_lock)
                return _state;
        }
    }

    /// <summary>Starts a verification unless one is running; returns the one running.</summary>
    public LedgerVerificationState Start(string by)
    {
        lock (_lock)
        {
            if (_state is { Finished: false } running)
                return running;
            _state = new LedgerVerificationState(0, ledger.Size, false, null, by, time.GetUtcNow());
        }
        _ = Task.Run(() =>
        {
            VerificationReport report;
            try
            {
                report = ledger.Verify((done, total) =>
                {
                    lock (_lock)
                        _state = _state! with { Done = done, Total = total };
                });
            }
            catch (Exception e) when (e is LedgerException or IOException or InvalidOperationException)
            {
                report = new VerificationReport(0, 0, Merkle.EmptyRoot(), [e.Message], null);
            }
            lock (_lock)
                _state = _state! with { Done = report.Entries, Total = Math.Max(report.Entries, _state.Total), Finished = true, Report = report };
        });
        return Current!;
    }
}
