using System.Text.Json;

namespace Comity.Ledger;

/// <summary>
/// Who recorded an entry. Every kind of entry names its actor the same way, in its body's
/// <c>recordedBy</c> (the ledger entry itself says when). Entries written before that rule still
/// read: disclosure entries named their actor <c>by</c>, and decisions recorded by
/// <c>comity decide --record</c> named none.
/// </summary>
public static class EntryActor
{
    /// <summary>The body property that names the actor, in every kind of entry.</summary>
    public const string Property = "recordedBy";

    /// <summary>What an old entry that named nobody reads as: said plainly, not guessed.</summary>
    public const string NotNamed = "(not named in the entry)";

    /// <summary>The disclosure entries' name for the actor until entries named it <see cref="Property"/>.</summary>
    private const string OldDisclosureProperty = "by";

    /// <summary>The actor named in <paramref name="body"/>, in the current shape or an old one; <see cref="NotNamed"/> when none is.</summary>
    public static string Of(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return NotNamed;
        if (body.TryGetProperty(Property, out var by) && by.ValueKind == JsonValueKind.String)
            return by.GetString()!;
        if (body.TryGetProperty(OldDisclosureProperty, out var old) && old.ValueKind == JsonValueKind.String)
            return old.GetString()!;
        return NotNamed;
    }

    /// <summary>The actor of a command run at this computer: its operating-system account.</summary>
    public static string CommandLine() => Environment.UserName is { Length: > 0 } user ? user : NotNamed;
}
