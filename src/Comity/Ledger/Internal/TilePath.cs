using System.Globalization;
using System.Text;

namespace Comity.Ledger.Internal;

/// <summary>C2SP tlog-tiles resource paths: <c>tile/L/N[.p/W]</c> and <c>tile/entries/N[.p/W]</c>, N in 3-digit x-prefixed groups.</summary>
internal static class TilePath
{
    public const int Height = 8;
    public const int Width = 1 << Height;

    public static string Hashes(int level, long index, int width) => $"tile/{level.ToString(CultureInfo.InvariantCulture)}/{Index(index)}{Partial(width)}";

    public static string Entries(long index, int width) => $"tile/entries/{Index(index)}{Partial(width)}";

    private static string Partial(int width) => width == Width ? "" : $".p/{width.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>1234067 → x001/x234/067.</summary>
    public static string Index(long n)
    {
        var groups = new List<string>();
        do
        {
            groups.Add((n % 1000).ToString("000", CultureInfo.InvariantCulture));
            n /= 1000;
        }
        while (n > 0);
        var path = new StringBuilder();
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            if (i > 0)
                path.Append('x').Append(groups[i]).Append('/');
            else
                path.Append(groups[i]);
        }
        return path.ToString();
    }
}
