namespace Comity.Browser.Tests;

/// <summary>
/// A test that drives Debian's chromium. Skipped on a machine without it, unless CI is set: in
/// CI a missing browser is a failure (.ci/run installs it), never a silent skip.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Skip = $"{Chromium} is not installed (apt-get install chromium); CI runs this test";
    }
}
