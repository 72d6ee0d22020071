using System.Diagnostics;
using Comity.Tests.Support;

namespace Comity.Tests.Server.Support;

/// <summary>
/// Redocly CLI, the OpenAPI linter an integrator would use, as tools/openapi-lint installs it
/// (<c>npm ci --prefix tools/openapi-lint</c>; .ci/run does) with its recommended rules.
/// </summary>
public static class Redocly
{
    public static string Cli => RepoRoot.Combine("tools/openapi-lint/node_modules/@redocly/cli/bin/cli.js");

    /// <summary>Lints a document; the exit code (0: no error; warnings pass) and what the linter printed.</summary>
    public static async Task<(int ExitCode, string Output)> LintAsync(string documentPath)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Cli, "lint", documentPath, "--config", RepoRoot.Combine("tools/openapi-lint/redocly.yaml"), "--format=stylish" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot.Combine("tools/openapi-lint"),
        };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}

/// <summary>A test that runs Redocly CLI: skipped where tools/openapi-lint is not installed, unless CI is set (a missing linter then fails).</summary>
public sealed class RedoclyFactAttribute : FactAttribute
{
    public RedoclyFactAttribute()
    {
        if (!File.Exists(Redocly.Cli) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Skip = "Redocly CLI is not installed: npm ci --prefix tools/openapi-lint; CI runs this test";
    }
}
