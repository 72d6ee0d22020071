using Comity.Cases;
using Comity.Server.Auth;

namespace Comity.Server.Hosting;

/// <summary>
/// The first run on an empty data folder: with no user at all, an administrator named <c>admin</c>
/// is created, who may also decide requests (admin and supervisor), and its one-time password is
/// printed once. The password must be changed at first sign-in.
/// </summary>
public static class FirstRun
{
    public const string AdministratorName = "admin";

    /// <summary>The printed message when an administrator was created; null when users already exist.</summary>
    public static string? EnsureAdministrator(UserDirectory users)
    {
        if (users.Store.Count() > 0)
            return null;
        var (user, password, error) = users.Add(AdministratorName, "Administrator", [Role.Admin, Role.Supervisor]);
        if (error is not null)
            return null; // another process created the first user at the same moment
        return $"""
            First run: created the administrator account (roles: {Roles.Join(user!.Roles)}).
              user name:  {user.Name}
              password:   {password}   (one-time: you choose your own at first sign-in)
            Add colleagues on the Users page or with 'comity users add NAME --role intake'.
            """;
    }
}
