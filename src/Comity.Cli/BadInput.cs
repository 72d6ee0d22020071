using Comity.Cases;
using Comity.Disclosure;
using Comity.Law;
using Comity.Ledger;
using Comity.Scenarios;

namespace Comity.Cli;

/// <summary>
/// Runs a command and turns the ways input can be bad (a stack with errors, a missing or
/// unreadable file, a broken scenario file, a ledger that cannot do what was asked, a --store
/// Comity cannot use or a database it cannot reach, a report that cannot be made as asked, a
/// malformed key or proof, a bad catalog or export) into their messages and exit code 2.
/// </summary>
internal static class BadInput
{
    public static int Guard(Func<int> command)
    {
        try
        {
            return command();
        }
        catch (LawException e)
        {
            foreach (var error in e.Errors)
                Console.Error.WriteLine($"comity: {error}");
        }
        catch (DisclosureException e)
        {
            foreach (var error in e.Errors)
                Console.Error.WriteLine($"comity: {error}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ScenarioReader.ScenarioException or LedgerException or CaseStoreException or Storage.StoreConfigurationException
            or System.Data.Common.DbException or Reports.ReportException or FormatException)
        {
            Console.Error.WriteLine($"comity: {e.Message}");
        }
        return ExitCodes.BadInput;
    }
}
