using System.Runtime.CompilerServices;
using Comity.Cases;
using Comity.Server;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Comity.Browser.Tests;

/// <summary>
/// The server as <c>comity serve</c> runs it, on Kestrel on a free local port over a fresh data
/// folder, and headless chromium (Debian's, with the flags this machine needs) to drive it. With
/// <c>COMITY_BROWSER_STORE=postgres</c> (as <c>.ci/run</c> runs them a second time) the server's
/// databases are in a fresh PostgreSQL database of its own (<c>Comity:Store</c>), dropped after.
/// </summary>
public sealed class LiveServer : IAsyncLifetime
{
    public const string StoreVariable = "COMITY_BROWSER_STORE";

    private WebApplication? _app;
    private IPlaywright? _playwright;
    private Comity.Tests.Support.PostgresDatabase? _postgres;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "comity-browser-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The server's replay stacks (<c>Comity:ReplayStacks</c>): a copy of the Los Angeles stack without Ordinance 188441, beside the federal layer it reads.</summary>
    public string ReplayStacks => DataFolder + "-replay-stacks";
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public UserDirectory Users => _app!.Services.GetRequiredService<UserDirectory>();

    /// <summary>One of the running server's services (to set up a case as another door would have recorded it).</summary>
    public T Service<T>() where T : notnull => _app!.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Copy(Path.Combine(RepoRoot(), "stacks", "us", "ca", "los-angeles"), Path.Combine(ReplayStacks, "us", "ca", "los-angeles"));
        Copy(Path.Combine(RepoRoot(), "stacks", "us", "federal"), Path.Combine(ReplayStacks, "us", "federal"));
        File.Delete(Path.Combine(ReplayStacks, "us", "ca", "los-angeles", "los-angeles", "ordinance-188441.law"));
        string[] store = [];
        switch (Environment.GetEnvironmentVariable(StoreVariable))
        {
            case null or "" or "sqlite":
                break;
            case "postgres":
                _postgres = Comity.Tests.Support.PostgresDatabase.Create();
                store = ["--Comity:Store", _postgres.ConnectionString];
                break;
            case var other:
                throw new InvalidOperationException($"{StoreVariable}={other}: expected sqlite or postgres");
        }
        _app = ServerApp.Build(["--Comity:Data", DataFolder, "--Comity:Stacks", Path.Combine(RepoRoot(), "stacks"), "--Comity:ReplayStacks", ReplayStacks, "--urls", "http://127.0.0.1:0", .. store]);
        await _app.StartAsync();
        BaseUrl = _app.Urls.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Decides and records a request as the server does (the history a replay reads).</summary>
    public async Task RecordAsync(string requestJson)
    {
        var recorded = await _app!.Services.GetRequiredService<Comity.Recording.Recorder>().DecideAsync(System.Text.Encoding.UTF8.GetBytes(requestJson), "setup");
        Assert.Null(recorded.Error);
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Adds a user with a one-time password and returns it.</summary>
    public string AddUser(string name, params Role[] roles)
    {
        var (_, password, error) = Users.Add(name, null, roles);
        Assert.Null(error);
        return password!;
    }

    /// <summary>Where screenshots go: docs/screenshots when COMITY_SCREENSHOTS=1 (to refresh the README's), else the test output.</summary>
    public static string ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("COMITY_SCREENSHOTS") == "1"
        ? Path.Combine(RepoRoot(), "docs", "screenshots")
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string RepoRoot([CallerFilePath] string source = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Comity.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("no Comity.slnx above " + source);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _postgres?.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
            Directory.Delete(ReplayStacks, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
