using Comity.Engine;

namespace Comity.Server.Hosting;

/// <summary>
/// Where the server keeps its data and finds its law, read from configuration (command line
/// <c>--Comity:Data DIR</c>, environment <c>Comity__Data</c>, ...). <c>comity serve</c> sets them from its options.
/// </summary>
public sealed record ServerSettings(string DataFolder, string StacksRoot)
{
    public const string DataKey = "Comity:Data";

    /// <summary>Where the databases are: empty or <c>sqlite</c> for files in the data folder, or a PostgreSQL address (<see cref="Storage.StoreLocation.Parse"/>).</summary>
    public const string StoreKey = "Comity:Store";
    public const string StacksKey = "Comity:Stacks";
    public const string ReplayStacksKey = "Comity:ReplayStacks";
    public const string DefaultDataFolder = "data";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public const string WebhookPollKey = "Comity:Webhooks:PollSeconds";
    public const string WebhookRetryKey = "Comity:Webhooks:RetrySeconds";
    public const string ReportsKeepKey = "Comity:Reports:KeepSeconds";

    /// <summary>How often the webhook worker looks for events and deliveries due (default 5 seconds).</summary>
    public TimeSpan WebhookPoll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The waits between a delivery's attempts (default: <see cref="Webhooks.WebhookDispatcher.DefaultRetryDelays"/>).</summary>
    public IReadOnlyList<TimeSpan> WebhookRetryDelays { get; init; } = Webhooks.WebhookDispatcher.DefaultRetryDelays;

    /// <summary>How long the reports' projection keeper waits between catch-ups of the kept projection (default 60 seconds; <see cref="ReportProjectionKeeper"/>).</summary>
    public TimeSpan ReportsKeep { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the databases are (SQLite in <see cref="DataFolder"/> unless <c>Comity:Store</c> names a PostgreSQL database).</summary>
    public Storage.StoreLocation Store { get => field ?? Storage.StoreLocation.Sqlite(DataFolder); init; }

    /// <exception cref="Auth.ServerConfigurationException">when a webhook setting is not a list of positive numbers of seconds.</exception>
    /// <exception cref="Storage.StoreConfigurationException">when <c>Comity:Store</c> is neither sqlite nor a PostgreSQL address.</exception>
    public static ServerSettings From(IConfiguration configuration)
    {
        var data = Path.GetFullPath(configuration[DataKey] is { Length: > 0 } d ? d : DefaultDataFolder);
        return new ServerSettings(data, Path.GetFullPath(configuration[StacksKey] is { Length: > 0 } s ? s : Environment.GetEnvironmentVariable("COMITY_STACKS") ?? "stacks"))
        {
            Store = Storage.StoreLocation.Parse(data, configuration[StoreKey]),
            ReplayStacksRoot = configuration[ReplayStacksKey] is { Length: > 0 } r ? Path.GetFullPath(r) : null,
            WebhookPoll = configuration[WebhookPollKey] is { Length: > 0 } poll ? Seconds(WebhookPollKey, poll)[0] : TimeSpan.FromSeconds(5),
            WebhookRetryDelays = configuration[WebhookRetryKey] is { Length: > 0 } retry ? Seconds(WebhookRetryKey, retry) : Webhooks.WebhookDispatcher.DefaultRetryDelays,
            ReportsKeep = configuration[ReportsKeepKey] is { Length: > 0 } keep ? Seconds(ReportsKeepKey, keep)[0] : TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>
    /// A folder of draft or amended stacks counsel may replay recorded history under (every folder
    /// below it holding a stack.law), besides the versions the ledger holds; null: none.
    /// </summary>
    public string? ReplayStacksRoot { get; init; }

    /// <summary>"5,300,1800": seconds, comma-separated (fractions allowed).</summary>
    private static TimeSpan[] Seconds(string key, string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(part =>
            double.TryParse(part, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 7 * 86400
                ? TimeSpan.FromSeconds(seconds)
                : throw new Auth.ServerConfigurationException($"{key}: expected positive numbers of seconds separated by commas, found \"{part}\"")).ToArray();

    /// <summary>The stack a request without a jurisdiction is decided by.</summary>
    public static string DefaultJurisdiction => StackCatalog.DefaultJurisdiction;
}
