using System.CommandLine;
using Comity.Server;
using Comity.Server.Hosting;

namespace Comity.Cli.Commands;

/// <summary><c>comity serve</c>: the HTTP API and the staff web app.</summary>
internal static class ServeCommand
{
    private static readonly Option<string> Urls = new("--urls")
    {
        HelpName = "URL",
        Description = $"where to listen (several separated by ;); default {ServerSettings.DefaultUrl}, this machine only",
        DefaultValueFactory = _ => ServerSettings.DefaultUrl,
    };

    private static readonly Option<bool> LogJson = new("--log-json")
    {
        Description = "write the server's log as JSON lines (ASP.NET Core's JSON console formatter), for a log collector",
    };

    public static Command Create()
    {
        var command = new Command("serve",
            "Serve the staff web app and the HTTP API (/api/v1, OpenAPI at /openapi/v1.json). On an empty data folder, creates the " +
            "administrator 'admin' and prints a one-time password. Stop with Ctrl+C.")
        {
            DataOptions.Data, DataOptions.Store, Urls, StackOptions.Stacks, LogJson,
        };
        command.SetAction((result, _) => ServerApp.RunAsync(
            ["--Comity:Data", result.GetValue(DataOptions.Data)!, "--Comity:Stacks", result.GetValue(StackOptions.Stacks)!, "--urls", result.GetValue(Urls)!,
                .. result.GetValue(LogJson) ? ["--Logging:Console:FormatterName", "json"] : Array.Empty<string>(),
                // Only when given: otherwise Comity__Store (or appsettings) decides, and SQLite when none does.
                .. result.GetValue(DataOptions.Store) is { Length: > 0 } store ? ["--Comity:Store", store] : Array.Empty<string>()],
            Console.Out));
        return command;
    }
}
