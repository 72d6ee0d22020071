using Comity.Cases;

namespace Comity.Reports;

/// <summary>
/// Who may do what with reports (reports.md sections 7 and 9), in one place: the server's role
/// matrix and the command line's <c>--by</c> check both read these sets, so the two doors never
/// disagree on who may publish or read an internal report.
/// </summary>
public static class ReportRoles
{
    /// <summary>Published reports (internal copies included), drafts, and the compliance report: counts and case ids, never a name.</summary>
    public static readonly Role[] Read = [Role.Supervisor, Role.Counsel, Role.Auditor, Role.Admin];

    /// <summary>Publishing puts the City's name to the numbers: counsel and administrators (section 9).</summary>
    public static readonly Role[] Publish = [Role.Counsel, Role.Admin];

    /// <summary>The access audit: every staff read, search and export, per user (P8).</summary>
    public static readonly Role[] AccessAudit = [Role.Auditor, Role.Admin];

    /// <summary>
    /// Checks that <paramref name="by"/> holds one of <paramref name="roles"/> among the data
    /// folder's users. A data folder without users is its operator's, who may do anything in it.
    /// </summary>
    /// <returns>The roles the user holds (none for a data folder without users).</returns>
    /// <exception cref="ReportException">naming the user and the roles needed.</exception>
    public static IReadOnlyList<Role> Require(UserStore users, string by, IReadOnlyList<Role> roles, string what)
    {
        if (users.Count() == 0)
            return [];
        var user = users.Find(by) ?? throw new ReportException($"--by {by}: there is no such user in this data folder");
        if (user.Disabled || !user.Roles.Any(roles.Contains))
            throw new ReportException($"--by {by}: {what} needs the role {string.Join(", ", roles.Take(roles.Count - 1).Select(Roles.Names.Name))}{(roles.Count > 1 ? " or " : "")}{Roles.Names.Name(roles[^1])}");
        return user.Roles;
    }
}
