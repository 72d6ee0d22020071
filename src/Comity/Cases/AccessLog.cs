using Comity.Cases.Internal;

namespace Comity.Cases;

/// <summary>
/// Every read of a case, kept in the case database (issue 18 point 14; reports.md P8): who read
/// it, with which roles, what they read and when. California's State Auditor found in 2020 that
/// none of the agencies it reviewed audited staff searches; this is what an auditor reads, per case
/// and per user. It never holds who a case is about: a case is named by its id, a search only by
/// the fact that it was made, never by its words.
/// </summary>
public sealed class AccessLog(CaseDatabase database)
{
    /// <summary>The longest route or detail kept (longer ones are cut: they come from URLs).</summary>
    public const int MaxTextLength = 300;

    /// <summary>Keeps one read.</summary>
    public void Record(AccessRead read) => database.Write((db, tx) => Sql.Execute(db, """
        INSERT INTO access_log (at, user_name, roles, door, what, case_id, detail) VALUES (@at, @user, @roles, @door, @what, @case, @detail)
        """, tx, ("@at", Sql.Time(read.At)), ("@user", Cut(read.User)), ("@roles", Roles.Join(read.Roles)), ("@door", read.Door == AccessDoor.Api ? "api" : "page"),
        ("@what", Cut(read.What)), ("@case", read.CaseId), ("@detail", Cut(read.Detail))));

    /// <summary>The reads of one case, newest first.</summary>
    public AccessPage ForCase(long caseId, int page = 1, int pageSize = CaseQuery.DefaultPageSize) =>
        Query("WHERE case_id = @k", caseId, page, pageSize);

    /// <summary>The reads one user made (the name as entries give it, case ignored), newest first.</summary>
    public AccessPage ForUser(string user, int page = 1, int pageSize = CaseQuery.DefaultPageSize) =>
        Query("WHERE user_name = @k COLLATE NOCASE", user.Trim(), page, pageSize);

    /// <summary>Per user: how many reads, of how many cases, how many searches, and the last read; most reads first.</summary>
    public IReadOnlyList<AccessByUser> ByUser() => database.Read(db => Sql.List(db, """
        SELECT MIN(user_name) AS who, COUNT(*), COUNT(DISTINCT case_id), COUNT(*) FILTER (WHERE what IN ('/cases', '/api/v1/cases') AND detail = 'search'), MAX(at)
        FROM access_log GROUP BY user_name COLLATE NOCASE ORDER BY COUNT(*) DESC, who
        """, r => new AccessByUser(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), Sql.ParseTime(r.GetString(4)))));

    /// <summary>Every read kept from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first: the access audit's input.</summary>
    public IReadOnlyList<AccessEntry> Between(DateTimeOffset from, DateTimeOffset to) => database.Read(db => Sql.List(db,
        "SELECT id, at, user_name, roles, door, what, case_id, detail FROM access_log WHERE at >= @from AND at < @to ORDER BY id",
        r => new AccessEntry(r.GetInt64(0), Sql.ParseTime(r.GetString(1)), r.GetString(2), Roles.Parse(r.GetString(3)),
            r.GetString(4) == "api" ? AccessDoor.Api : AccessDoor.Page, r.GetString(5), r.NullableInt64(6), r.GetString(7)),
        ("@from", Sql.Time(from)), ("@to", Sql.Time(to))));

    private AccessPage Query(string where, object key, int page, int pageSize)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, CaseQuery.MaxPageSize);
        return database.Read(db =>
        {
            var total = Sql.Scalar(db, $"SELECT COUNT(*) FROM access_log {where}", null, ("@k", key));
            var items = Sql.List(db, $"SELECT id, at, user_name, roles, door, what, case_id, detail FROM access_log {where} ORDER BY id DESC LIMIT @limit OFFSET @offset",
                r => new AccessEntry(r.GetInt64(0), Sql.ParseTime(r.GetString(1)), r.GetString(2), Roles.Parse(r.GetString(3)),
                    r.GetString(4) == "api" ? AccessDoor.Api : AccessDoor.Page, r.GetString(5), r.NullableInt64(6), r.GetString(7)),
                ("@k", key), ("@limit", pageSize), ("@offset", (long)(page - 1) * pageSize));
            return new AccessPage(items, total, page, pageSize);
        });
    }

    private static string Cut(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength];
}

/// <summary>Through which door a read came: a page of the web app, or the HTTP API.</summary>
public enum AccessDoor { Page, Api }

/// <summary>
/// A read to keep: <paramref name="What"/> is the route read (its pattern, such as
/// <c>/cases/{id}/notices/{notice}</c>), <paramref name="CaseId"/> the case it showed (null for
/// a search or a disclosure), <paramref name="Detail"/> the route's other values. Never a query
/// string: a search's words can be a name.
/// </summary>
public sealed record AccessRead(DateTimeOffset At, string User, IReadOnlyList<Role> Roles, AccessDoor Door, string What, long? CaseId, string Detail);

/// <summary>A read as the access log keeps it.</summary>
public sealed record AccessEntry(long Id, DateTimeOffset At, string User, IReadOnlyList<Role> Roles, AccessDoor Door, string What, long? CaseId, string Detail);

/// <summary>A page of the access log, newest first, and how many reads match in all.</summary>
public sealed record AccessPage(IReadOnlyList<AccessEntry> Items, long Total, int Page, int PageSize);

/// <summary>One user's reads in sum: reads, distinct cases, searches, and the last read.</summary>
public sealed record AccessByUser(string User, long Reads, long Cases, long Searches, DateTimeOffset LastRead);
