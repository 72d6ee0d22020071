using System.Reflection;

namespace Comity.Server.Web;

/// <summary>
/// The intake form as the name-value pairs a browser posts (<c>Form.Act=hold</c>,
/// <c>Form.Convictions[0].Code=PC 211</c>): the check-your-answers page carries the answers in
/// hidden fields with them, and tests post a filled form with them as a browser would.
/// </summary>
public static class IntakeFields
{
    public const string Prefix = "Form.";

    public static List<KeyValuePair<string, string>> Of(IntakeForm form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        Add(fields, Prefix, form);
        var rows = form.Convictions.Where(c => !c.IsBlank).ToArray();
        for (var i = 0; i < rows.Length; i++)
            Add(fields, $"{Prefix}Convictions[{i}].", rows[i]);
        return fields;
    }

    private static void Add(List<KeyValuePair<string, string>> fields, string prefix, object source)
    {
        foreach (var p in source.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanWrite)
                continue;
            var value = p.GetValue(source);
            switch (value)
            {
                case string s when s.Length > 0:
                    fields.Add(new(prefix + p.Name, s));
                    break;
                case bool b when b:
                    fields.Add(new(prefix + p.Name, "true"));
                    break;
                case List<string> list:
                    foreach (var item in list)
                        fields.Add(new(prefix + p.Name, item));
                    break;
            }
        }
    }
}
