using System.Text.Json;
using Comity.Cases;

namespace Comity.Server.Web;

public sealed record ReasonView(string Rule, string Layer, string Effect, IReadOnlyList<string> Citations, string Text, bool Secondary,
    IReadOnlyList<string> Items, IReadOnlyList<string> Decides, IReadOnlyList<string> SetAsideBy, IReadOnlyList<string> OverriddenBy);

/// <summary>
/// A recorded decision as the decision page shows it, read back from the ledger entry the case
/// keeps (the request as received, the answer as given), so that the page shows exactly what was recorded.
/// </summary>
public sealed class DecisionView
{
    private DecisionView(JsonElement request, JsonElement answer)
    {
        Request = request;
        Outcome = answer.GetProperty("outcome").GetString()!;
        Items = answer.TryGetProperty("data", out var data)
            ? data.EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).ToArray()
            : [];
        Layers = answer.GetProperty("layers").EnumerateArray()
            .Select(l => (l.GetProperty("layer").GetString()!, l.GetProperty("outcome").ValueKind == JsonValueKind.Null ? null : l.GetProperty("outcome").GetString()))
            .ToArray();
        DecidedBy = Strings(answer, "decidedBy");
        Reasons = answer.GetProperty("reasons").EnumerateArray().Select(r => new ReasonView(
            r.GetProperty("rule").GetString()!, r.GetProperty("layer").GetString()!, r.GetProperty("effect").GetString()!,
            Strings(r, "citations"), r.GetProperty("text").GetString()!, r.GetProperty("source").GetString() == "secondary",
            Strings(r, "items"), Strings(r, "decides"), Strings(r, "setAsideBy"), Strings(r, "overriddenBy"))).ToArray();
        Flags = Strings(answer, "flags");
        var policy = answer.GetProperty("policy");
        Policy = (policy.GetProperty("stack").GetString()!, policy.GetProperty("asOf").GetString()!, policy.GetProperty("digest").GetString()!);
    }

    public JsonElement Request { get; }
    public string Outcome { get; }
    public IReadOnlyList<(string Item, string Outcome)> Items { get; }
    public IReadOnlyList<(string Layer, string? Outcome)> Layers { get; }
    public IReadOnlyList<string> DecidedBy { get; }
    public IReadOnlyList<ReasonView> Reasons { get; }
    public IReadOnlyList<string> Flags { get; }
    public (string Stack, string AsOf, string Digest) Policy { get; }

    public string Act => Text("act") ?? "";
    public string? Reference => Text("id");
    public string ReceivedAt => Text("receivedAt") ?? "";
    public string Agency => Request.GetProperty("requester").GetProperty("agency").GetString() ?? "";
    public string Document => Request.GetProperty("document").GetProperty("type").GetString() ?? "";
    public string Unit => Request.GetProperty("actor").GetProperty("unit").GetString() ?? "";

    public static DecisionView From(CaseEvent decision)
    {
        using var entry = JsonDocument.Parse(decision.BodyJson);
        return new DecisionView(entry.RootElement.GetProperty("request").Clone(), entry.RootElement.GetProperty("answer").Clone());
    }

    private string? Text(string property) => Request.TryGetProperty(property, out var v) ? v.GetString() : null;

    private static string[] Strings(JsonElement e, string property) =>
        e.TryGetProperty(property, out var array) ? array.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
}
