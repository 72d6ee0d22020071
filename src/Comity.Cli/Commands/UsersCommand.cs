using System.CommandLine;
using Comity.Cases;
using Comity.Server.Auth;

namespace Comity.Cli.Commands;

/// <summary><c>comity users</c>: add users, list them, reset a password, issue an API token; works beside a running server.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "Manage the people and systems who use the server (in DIR/comity.db).");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Reset());
        command.Subcommands.Add(Token());
        command.Subcommands.Add(Unlock());
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "the user name (letters, digits and . - _ @)" };
        var roles = new Option<string[]>("--role")
        {
            HelpName = "ROLE",
            Description = "a role, repeatable: " + string.Join(", ", Roles.Names.Names),
            Required = true,
        };
        roles.AcceptOnlyFromAmong([.. Roles.Names.Names]);
        var display = new Option<string?>("--display-name") { HelpName = "TEXT", Description = "the person's full name" };
        var command = new Command("add", "Add a user (the first admin too) and print a one-time password, to be changed at first sign-in.")
        {
            name, roles, display, DataOptions.Data, DataOptions.Store,
        };
        command.SetAction(result => WithUsers(result, users =>
        {
            var chosen = result.GetValue(roles)!.Select(r => Roles.Names.TryParse(r, out var role) ? role : Role.Intake).ToArray();
            var (user, password, error) = users.Add(result.GetValue(name)!, result.GetValue(display), chosen);
            if (error is not null)
            {
                Console.Error.WriteLine($"comity: {error}");
                return ExitCodes.BadInput;
            }
            Console.Out.WriteLine($"added {user!.Name} ({Roles.Join(user.Roles)})");
            Console.Out.WriteLine($"one-time password: {password}");
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List users, their roles and their live API tokens.") { DataOptions.Data, DataOptions.Store };
        command.SetAction(result => WithUsers(result, users =>
        {
            foreach (var u in users.Store.List())
            {
                var tokens = users.Store.Tokens(u.Id).Where(t => t.RevokedAt is null).Select(t => $"{t.Id}:{t.Label}");
                Console.Out.WriteLine($"{u.Name}\t{Roles.Join(u.Roles)}\t{(u.Disabled ? "disabled" : u.LockedAt is not null ? "locked" : "active")}\ttokens: {string.Join(' ', tokens)}");
            }
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static Command Reset()
    {
        var name = new Argument<string>("NAME") { Description = "the user name" };
        var command = new Command("reset", "Give a user a new one-time password (for a forgotten one).") { name, DataOptions.Data, DataOptions.Store };
        command.SetAction(result => WithUser(result, name, (users, user) =>
        {
            Console.Out.WriteLine($"one-time password for {user.Name}: {users.ResetPassword(user.Id, Comity.Ledger.EntryActor.CommandLine())}");
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static Command Token()
    {
        var name = new Argument<string>("NAME") { Description = "the user the token acts as (its roles apply)" };
        var label = new Option<string>("--label") { HelpName = "TEXT", Description = "which system uses the token", Required = true };
        var command = new Command("token", "Issue an API token for a user and print it once (send it as 'Authorization: Bearer TOKEN').")
        {
            name, label, DataOptions.Data, DataOptions.Store,
        };
        command.SetAction(result => WithUser(result, name, (users, user) =>
        {
            // Recorded as issued by the operating-system account that ran the command.
            var (_, token) = users.IssueToken(user.Id, result.GetValue(label)!, Comity.Ledger.EntryActor.CommandLine());
            Console.Out.WriteLine(token);
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static Command Unlock()
    {
        var name = new Argument<string>("NAME") { Description = "the user name" };
        var command = new Command("unlock", "Unlock an account locked after five failed sign-ins in a row (logged with who unlocked it).") { name, DataOptions.Data, DataOptions.Store };
        command.SetAction(result => WithUser(result, name, (users, user) =>
        {
            if (!users.Unlock(user.Id, Comity.Ledger.EntryActor.CommandLine()))
            {
                Console.Error.WriteLine($"comity: the account \"{user.Name}\" is not locked");
                return ExitCodes.BadInput;
            }
            Console.Out.WriteLine($"unlocked {user.Name}");
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static int WithUser(ParseResult result, Argument<string> name, Func<UserDirectory, UserRecord, int> action) => WithUsers(result, users =>
    {
        if (users.Store.Find(result.GetValue(name)!) is not { } user)
        {
            Console.Error.WriteLine($"comity: there is no user \"{result.GetValue(name)}\"");
            return ExitCodes.BadInput;
        }
        return action(users, user);
    });

    private static int WithUsers(ParseResult result, Func<UserDirectory, int> action)
    {
        try
        {
            using var database = CaseDatabase.Open(DataOptions.Location(result));
            return action(new UserDirectory(new UserStore(database), TimeProvider.System));
        }
        catch (CaseStoreException e)
        {
            Console.Error.WriteLine($"comity: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
