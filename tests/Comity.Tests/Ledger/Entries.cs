using System.Text;
using Comity.Ledger;

namespace Comity.Tests.Ledger;

/// <summary>Entries for tests: small bodies that say which one they are.</summary>
internal static class Entries
{
    public static readonly DateTimeOffset Time = new(2025, 3, 14, 16, 30, 0, TimeSpan.Zero);

    public static LedgerEntry Review(int n, long? corrects = null) =>
        new("review", Encoding.UTF8.GetBytes($$"""{"case":"C-{{n}}","note":"reviewed §{{n}}","n":{{n}}}"""), Time.AddSeconds(n), corrects);

    public static async Task<List<Receipt>> AppendMany(TransparencyLog log, int count, int from = 0) =>
        [.. await Task.WhenAll(Enumerable.Range(from, count).Select(i => log.AppendAsync(Review(i))))];
}
