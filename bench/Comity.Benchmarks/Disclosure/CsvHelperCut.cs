using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Comity.Benchmarks.Disclosure;

/// <summary>
/// The anchor for the firewall's CSV cut (bench/disclosure-throughput): the same columns kept, the
/// straightforward way with CsvHelper: read each record, write the kept fields. It does less than
/// the firewall (no decision, no hashing, no UTF-8 check, lenient parsing), so the comparison
/// favours it.
/// </summary>
public static class CsvHelperCut
{
    /// <param name="keep">the names of the columns to keep, comma-separated</param>
    public static int Run(string input, string output, string keep)
    {
        var names = keep.Split(',');
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var reader = new StreamReader(input, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var csv = new CsvReader(reader, config);
        using var writer = new StreamWriter(output, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        using var outCsv = new CsvWriter(writer, config);
        csv.Read();
        csv.ReadHeader();
        var columns = names.Select(n => csv.GetFieldIndex(n)).ToArray();
        foreach (var name in names)
            outCsv.WriteField(name);
        outCsv.NextRecord();
        while (csv.Read())
        {
            foreach (var c in columns)
                outCsv.WriteField(csv.GetField(c));
            outCsv.NextRecord();
        }
        return 0;
    }
}
