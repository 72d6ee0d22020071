using Comity.Law;
using Comity.Server.Hosting;

namespace Comity.Server.Web;

/// <summary>A stack the server decides by, as the web app offers it: its jurisdiction, title and declared units.</summary>
public sealed record ServedStack(string Jurisdiction, string Title, Stack Stack)
{
    public IReadOnlyList<Unit> Units => Stack.Units;

    /// <summary>The place the stack is for, from its title ("City of Austin, Texas: responses ..." gives "City of Austin, Texas").</summary>
    public string Name => Title.Split(':')[0].Trim();

    /// <summary>The unit's title, or its id when the stack does not declare it.</summary>
    public string UnitTitle(string unit) => Units.FirstOrDefault(u => u.Id == unit)?.Title ?? unit;

    /// <summary>The time zone the unit keeps (its own, its parent's or the stack's), for every time shown and entered.</summary>
    public TimeZoneInfo ZoneOf(string? unit) => UnitTime.ZoneOf(Stack, unit);
}

/// <summary>
/// The stacks the server serves: every folder under the stacks root with a stack.law that loads
/// and declares its units (a stack without units accepts any unit, so a form cannot offer them).
/// The intake form's picker lists their units; pages read a unit's stack title and time zone here.
/// Loaded once, on first use; a stack with errors is left out (deciding under it says why).
/// </summary>
public sealed class ServedStacks(ServerSettings settings)
{
    private readonly Lazy<IReadOnlyList<ServedStack>> _all = new(() => Load(settings.StacksRoot));

    public IReadOnlyList<ServedStack> All => _all.Value;

    public ServedStack? Find(string? jurisdiction) =>
        All.FirstOrDefault(s => s.Jurisdiction == (jurisdiction ?? ServerSettings.DefaultJurisdiction));

    /// <summary>The stack and declared unit a picker value (<c>us/tx/austin:apd</c>) names, or null.</summary>
    public (ServedStack Stack, Unit Unit)? Receiver(string? value)
    {
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0)
            return null;
        var stack = Find(value![..colon]);
        var unit = stack?.Units.FirstOrDefault(u => u.Id == value[(colon + 1)..]);
        return unit is null ? null : (stack!, unit);
    }

    public static string ReceiverValue(string jurisdiction, string unit) => jurisdiction + ":" + unit;

    private static IReadOnlyList<ServedStack> Load(string root)
    {
        if (!Directory.Exists(root))
            return [];
        var served = new List<ServedStack>();
        foreach (var file in Directory.EnumerateFiles(root, StackLoader.StackFile, SearchOption.AllDirectories))
        {
            var folder = Path.GetDirectoryName(file)!;
            var jurisdiction = Path.GetRelativePath(root, folder).Replace('\\', '/');
            try
            {
                var stack = StackLoader.Load(folder);
                if (stack.Units.Count > 0)
                    served.Add(new ServedStack(jurisdiction, stack.Title, stack));
            }
            catch (LawException)
            {
                // Left out of the picker; a request naming it is refused with the stack's errors.
            }
        }
        // The configured default first, then by title.
        return served.OrderBy(s => s.Jurisdiction == ServerSettings.DefaultJurisdiction ? 0 : 1).ThenBy(s => s.Title, StringComparer.Ordinal).ToArray();
    }
}
