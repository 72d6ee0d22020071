using System.Diagnostics;

namespace Comity.Reports.Formats;

/// <summary>
/// <c>report.pdf</c> printed from <c>report.html</c> by headless Chromium (reports.md section 8),
/// with the document outline on. The page is our own static output (no script, no external
/// resource), opened from a private temporary folder. Without Chromium the command stops with the fix.
/// </summary>
public static class ReportPdf
{
    public const string Fix = "report.pdf is printed by headless Chromium, which was not found: install it (apt-get install chromium) or set COMITY_CHROMIUM to its path, or leave PDF out with --formats csv,html";

    public static byte[] Print(byte[] html)
    {
        var browser = Find() ?? throw new ReportException(Fix);
        var folder = Directory.CreateTempSubdirectory("comity-report-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            File.WriteAllBytes(page, html);
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--user-data-dir=" + Path.Combine(folder.FullName, "profile"),
                "--no-pdf-header-footer", "--generate-pdf-document-outline", "--print-to-pdf=" + pdf, new Uri(page).AbsoluteUri,
            })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new ReportException(Fix);
            process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new ReportException("Chromium did not finish printing report.pdf within two minutes; try --formats csv,html");
            }
            if (!File.Exists(pdf))
                throw new ReportException($"Chromium could not print report.pdf (exit {process.ExitCode}): {errors.Result.Trim().Split('\n').LastOrDefault()}");
            return File.ReadAllBytes(pdf);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("COMITY_CHROMIUM") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
                if (File.Exists(Path.Combine(dir, name)))
                    return Path.Combine(dir, name);
        return null;
    }
}
