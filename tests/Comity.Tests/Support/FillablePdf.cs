using System.Globalization;
using System.Text;

namespace Comity.Tests.Support;

/// <summary>
/// A one-page PDF with a fillable form (an AcroForm of text fields, filled in), written byte by
/// byte as the PDF specification lays it out: the shape of a DHS form received as a fillable PDF,
/// without holding a copy of one. Also used by the browser tests (linked into that project).
/// </summary>
public static class FillablePdf
{
    /// <summary>The fields of a filled Form I-247A as the tests use them (made-up person).</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> I247A =
    [
        ("Subject Name", "Maria Example"),
        ("Date of Birth", "04/10/1990"),
        ("A-Number", "A-123-456-789"),
        ("FIN", "1234567890"),
        ("Detention Facility", "LAPD Metropolitan Detention Center"),
    ];

    public static byte[] Write(string title, IReadOnlyList<(string Name, string Value)> fields)
    {
        var objects = new List<string>();
        var first = 4; // field objects start here
        var refs = string.Join(' ', fields.Select((_, i) => $"{first + i} 0 R"));
        var contentsId = first + fields.Count;
        var fontId = contentsId + 1;
        objects.Add($"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{refs}] /NeedAppearances true >> >>");
        objects.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [{refs}] /Contents {contentsId} 0 R /Resources << /Font << /F1 {fontId} 0 R >> >> >>");
        for (var i = 0; i < fields.Count; i++)
            objects.Add($"<< /Type /Annot /Subtype /Widget /FT /Tx /T ({Escape(fields[i].Name)}) /V ({Escape(fields[i].Value)}) /Rect [72 {680 - i * 30} 540 {700 - i * 30}] /P 3 0 R >>");
        var text = $"BT /F1 14 Tf 72 740 Td ({Escape(title)}) Tj ET";
        objects.Add($"<< /Length {Encoding.ASCII.GetByteCount(text)} >>\nstream\n{text}\nendstream");
        objects.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

        var pdf = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>The filled I-247A of the tests.</summary>
    public static byte[] FilledI247A() => Write("Immigration Detainer - Notice of Action (test form)", I247A);

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
}
