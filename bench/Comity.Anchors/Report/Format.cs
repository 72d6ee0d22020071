using System.Globalization;

namespace Comity.Anchors.Report;

/// <summary>How the benchmark reports write numbers: thousands separated, microseconds to three significant figures, ratios with ×.</summary>
internal static class Format
{
    public static string N(double n) => Math.Round(n).ToString("N0", CultureInfo.InvariantCulture);

    public static string Us(double micros) => micros >= 100
        ? $"{micros.ToString("N0", CultureInfo.InvariantCulture)} µs"
        : micros >= 10 ? $"{micros.ToString("0.0", CultureInfo.InvariantCulture)} µs" : $"{micros.ToString("0.00", CultureInfo.InvariantCulture)} µs";

    public static string Times(double ratio) => ratio >= 10
        ? $"{ratio.ToString("N0", CultureInfo.InvariantCulture)}×"
        : $"{ratio.ToString("0.0", CultureInfo.InvariantCulture)}×";
}
