using UglyToad.PdfPig;
using UglyToad.PdfPig.AcroForms;
using UglyToad.PdfPig.AcroForms.Fields;

namespace Comity.Documents;

/// <summary>One filled field of a PDF form: its name as the form gives it, and its value as text.</summary>
public sealed record FormField(string Name, string Value);

/// <summary>
/// The filled fields of a fillable PDF (an AcroForm), read with PdfPig: text fields, and the chosen
/// value of check boxes and lists. A PDF that is not a form, or does not read, has none: reading
/// the fields only offers values to the clerk, it never refuses a document.
/// </summary>
public static class FormFields
{
    /// <summary>The longest value kept of one field: a form field is a line, not a page.</summary>
    public const int MaxValueLength = 500;

    public static IReadOnlyList<FormField> Read(byte[] pdf)
    {
        if (MediaTypes.Sniff(pdf) != MediaTypes.Pdf)
            return [];
        try
        {
            using var document = PdfDocument.Open(pdf);
            if (!document.TryGetForm(out var form))
                return [];
            var fields = new List<FormField>();
            foreach (var field in form.Fields)
                Collect(field, null, fields);
            return fields;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
        {
            // PdfPig throws its own exceptions (and some of the framework's) for files it cannot read.
            return [];
        }
    }

    private static void Collect(AcroFieldBase field, string? parent, List<FormField> into)
    {
        var partial = field.Information?.PartialName;
        var name = parent is null ? partial : partial is null ? parent : parent + "." + partial;
        switch (field)
        {
            case AcroNonTerminalField group:
                foreach (var child in group.Children)
                    Collect(child, name, into);
                return;
            case AcroTextField text:
                Add(name ?? field.Information?.AlternateName, text.Value, into);
                return;
            case AcroCheckboxField box:
                Add(name, box.IsChecked ? "yes" : null, into);
                return;
            case AcroComboBoxField combo:
                Add(name, string.Join(", ", combo.SelectedOptions), into);
                return;
            case AcroListBoxField list:
                Add(name, string.Join(", ", list.SelectedOptions), into);
                return;
        }
    }

    private static void Add(string? name, string? value, List<FormField> into)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(value))
            return;
        var v = value.Trim();
        into.Add(new FormField(name.Trim(), v.Length <= MaxValueLength ? v : v[..MaxValueLength]));
    }
}
