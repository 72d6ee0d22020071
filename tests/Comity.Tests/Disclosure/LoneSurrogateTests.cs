using System.Text;
using Comity.Disclosure;
using Comity.Tests.Support;
using static Comity.Tests.Disclosure.Cuts;

namespace Comity.Tests.Disclosure;

/// <summary>
/// Found by fuzzing: a lone surrogate escape ("\ud800") is valid JSON to the reader but no text,
/// and once escaped the redactor and the catalog reader as an InvalidOperationException. Each is a
/// DisclosureException naming the file, line and column.
/// </summary>
public class LoneSurrogateTests
{
    private const string Message = "not valid JSON: a \\u escape names half of a surrogate pair";

    [Fact]
    public void In_a_property_name_of_an_export_it_is_an_error_at_the_name()
    {
        var error = Error(Plan(), "{\"id\":1}\n{\"i\\ud800d\":1}\n", RecordFormat.JsonLines);

        Assert.StartsWith($"in.jsonl:2:2: {Message}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_subject_value_of_an_export_it_is_an_error_at_the_value()
    {
        var request = Req.With("""{ "act": "disclose", "data": ["personal-info", "criminal-history"] }""");

        var error = Error(Plan(request, subject: Subject(("id", "1"))), "{\"id\":\"\\ud800\",\"cii\":\"A1\"}\n", RecordFormat.JsonLines);

        Assert.StartsWith($"in.jsonl:1:7: {Message}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_catalog_it_is_an_error_at_the_string()
    {
        var e = Assert.Throws<DisclosureException>(() => CatalogReader.Read(Encoding.UTF8.GetBytes("{\n  \"system\": \"\\ud800\"\n}"), "catalog.json"));

        Assert.StartsWith($"catalog.json:2:13: {Message}", Assert.Single(e.Errors).ToString(), StringComparison.Ordinal);
    }
}
