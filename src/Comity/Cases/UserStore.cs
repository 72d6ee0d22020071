using Comity.Cases.Internal;
using System.Data.Common;

namespace Comity.Cases;

/// <summary>
/// Users and their API tokens in the case database. Passwords arrive already hashed (hashing is
/// the server's, with a vetted scheme); tokens arrive as SHA-256 hashes of their secret.
/// </summary>
public sealed class UserStore(CaseDatabase database)
{
    private const string Columns = "id, name, display_name, roles, password_hash, must_change_password, stamp, created_at, disabled, locked_at";

    public long Count() => database.Read(db => Sql.Scalar(db, "SELECT COUNT(*) FROM users"));

    /// <summary>Adds a user; false when the name is taken (names ignore case).</summary>
    public bool TryAdd(string name, string displayName, IReadOnlyList<Role> roles, string passwordHash, bool mustChangePassword, DateTimeOffset now, out UserRecord? user)
    {
        try
        {
            var id = database.Write((db, tx) => Sql.Scalar(db, """
                INSERT INTO users (name, display_name, roles, password_hash, must_change_password, stamp, created_at)
                VALUES (@name, @display, @roles, @hash, @must, @stamp, @at) RETURNING id
                """, tx, ("@name", name), ("@display", displayName), ("@roles", Roles.Join(roles)), ("@hash", passwordHash),
                ("@must", mustChangePassword ? 1 : 0), ("@stamp", NewStamp()), ("@at", Sql.Time(now))));
            user = Find(id);
            return true;
        }
        catch (DbException e) when (database.Dialect.IsUniqueViolation(e)) // the name is taken
        {
            user = null;
            return false;
        }
    }

    public UserRecord? Find(string name) => One("WHERE name = @k", name);

    /// <summary>The user who signs in through the identity provider as <paramref name="externalSubject"/> (ISSUER|SUB).</summary>
    public UserRecord? FindExternal(string externalSubject) => One("WHERE external_subject = @k", externalSubject);

    /// <summary>
    /// Adds a user who signs in through the identity provider: no password (an empty hash, which
    /// no password matches) and nothing to change at first sign-in. False when the name is taken.
    /// </summary>
    public bool TryAddExternal(string name, string displayName, IReadOnlyList<Role> roles, string externalSubject, DateTimeOffset now, out UserRecord? user)
    {
        try
        {
            var id = database.Write((db, tx) => Sql.Scalar(db, """
                INSERT INTO users (name, display_name, roles, password_hash, must_change_password, stamp, created_at, external_subject)
                VALUES (@name, @display, @roles, '', 0, @stamp, @at, @subject) RETURNING id
                """, tx, ("@name", name), ("@display", displayName), ("@roles", Roles.Join(roles)), ("@stamp", NewStamp()), ("@at", Sql.Time(now)),
                ("@subject", externalSubject)));
            user = Find(id);
            return true;
        }
        catch (DbException e) when (database.Dialect.IsUniqueViolation(e)) // the name (or the subject) is taken
        {
            user = null;
            return false;
        }
    }

    /// <summary>Sets a user's roles and display name; a change of roles gives a new stamp (sign-ins made before it end).</summary>
    public void SetRoles(long id, IReadOnlyList<Role> roles, string displayName) => database.Write((db, tx) =>
        Sql.Execute(db, """
            UPDATE users SET stamp = CASE WHEN roles = @roles THEN stamp ELSE @stamp END, roles = @roles, display_name = @display WHERE id = @id
            """, tx, ("@roles", Roles.Join(roles)), ("@stamp", NewStamp()), ("@display", displayName), ("@id", id)));

    public UserRecord? Find(long id) => One("WHERE id = @k", id);

    public IReadOnlyList<UserRecord> List() => database.Read(db => Sql.List(db, $"SELECT {Columns} FROM users ORDER BY name", Read));

    public void SetPassword(long id, string passwordHash, bool mustChangePassword) => database.Write((db, tx) =>
        Sql.Execute(db, "UPDATE users SET password_hash = @hash, must_change_password = @must, stamp = @stamp WHERE id = @id", tx,
            ("@hash", passwordHash), ("@must", mustChangePassword ? 1 : 0), ("@stamp", NewStamp()), ("@id", id)));

    public void SetDisabled(long id, bool disabled) => database.Write((db, tx) =>
        Sql.Execute(db, "UPDATE users SET disabled = @d, stamp = @stamp WHERE id = @id", tx, ("@d", disabled ? 1 : 0), ("@stamp", NewStamp()), ("@id", id)));

    /// <summary>Gives the user a new stamp: every sign-in made before it stops working (sign-out ends the saved cookie too).</summary>
    public void NewSignInStamp(long id) => database.Write((db, tx) =>
        Sql.Execute(db, "UPDATE users SET stamp = @stamp WHERE id = @id", tx, ("@stamp", NewStamp()), ("@id", id)));

    /// <summary>Keeps a token's hash; <paramref name="issuedBy"/> names who issued it (an administrator, for another user).</summary>
    public long AddToken(long userId, string label, byte[] tokenHash, DateTimeOffset now, string? issuedBy = null) => database.Write((db, tx) =>
        Sql.Scalar(db, "INSERT INTO api_tokens (user_id, label, token_hash, created_at, issued_by) VALUES (@user, @label, @hash, @at, @by) RETURNING id", tx,
            ("@user", userId), ("@label", label), ("@hash", tokenHash), ("@at", Sql.Time(now)), ("@by", issuedBy)));

    /// <summary>
    /// Counts a failed sign-in; at <paramref name="lockAt"/> failures in a row the account is locked
    /// (until an administrator unlocks it) and the lock is logged. True when this failure locked it.
    /// </summary>
    public bool SignInFailed(long id, int lockAt, DateTimeOffset now) => database.Write((db, tx) =>
    {
        var failures = Sql.Scalar(db, "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = @id RETURNING failed_sign_ins", tx, ("@id", id));
        if (failures < lockAt || Sql.Scalar(db, "SELECT locked_at IS NOT NULL FROM users WHERE id = @id", tx, ("@id", id)) != 0)
            return false;
        Sql.Execute(db, "UPDATE users SET locked_at = @at, stamp = @stamp WHERE id = @id", tx, ("@at", Sql.Time(now)), ("@stamp", NewStamp()), ("@id", id));
        AddEvent(db, tx, id, "locked", null, $"{failures} failed sign-ins in a row", now);
        return true;
    });

    /// <summary>A good sign-in: the count of failures starts again.</summary>
    public void SignInSucceeded(long id) => database.Write((db, tx) =>
        Sql.Execute(db, "UPDATE users SET failed_sign_ins = 0 WHERE id = @id AND failed_sign_ins <> 0", tx, ("@id", id)));

    /// <summary>Unlocks a locked account (logged as done by <paramref name="by"/>); false when it was not locked.</summary>
    public bool Unlock(long id, string by, DateTimeOffset now) => database.Write((db, tx) =>
    {
        if (Sql.Execute(db, "UPDATE users SET locked_at = NULL, failed_sign_ins = 0 WHERE id = @id AND locked_at IS NOT NULL", tx, ("@id", id)) == 0)
            return false;
        AddEvent(db, tx, id, "unlocked", by, "", now);
        return true;
    });

    /// <summary>Logs something done to an account (a token issued or revoked, a password reset, an account disabled).</summary>
    public void LogEvent(long id, string accountEvent, string? by, string detail, DateTimeOffset now) => database.Write((db, tx) =>
    {
        AddEvent(db, tx, id, accountEvent, by, detail, now);
        return 0;
    });

    /// <summary>What happened to accounts, newest first (all accounts, or one).</summary>
    public IReadOnlyList<AccountEvent> Events(string? user = null, int limit = 200) => database.Read(db => Sql.List(db,
        $"SELECT at, user_name, event, by_name, detail FROM account_events {(user is null ? "" : "WHERE user_name = @u COLLATE NOCASE")} ORDER BY id DESC LIMIT @limit",
        r => new AccountEvent(Sql.ParseTime(r.GetString(0)), r.GetString(1), r.GetString(2), r.NullableString(3), r.GetString(4)),
        ("@u", user), ("@limit", limit)));

    private static void AddEvent(DbConnection db, DbTransaction tx, long id, string accountEvent, string? by, string detail, DateTimeOffset now) =>
        Sql.Execute(db, """
            INSERT INTO account_events (at, user_name, event, by_name, detail) SELECT @at, name, @event, @by, @detail FROM users WHERE id = @id
            """, tx, ("@at", Sql.Time(now)), ("@event", accountEvent), ("@by", by), ("@detail", detail), ("@id", id));

    /// <summary>Revokes a token (logged as done by <paramref name="by"/>); false when there is no such live token.</summary>
    public bool RevokeToken(long tokenId, DateTimeOffset now, string? by = null) => database.Write((db, tx) =>
    {
        var owner = Sql.Scalar(db, "UPDATE api_tokens SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL RETURNING user_id", tx, ("@at", Sql.Time(now)), ("@id", tokenId));
        if (owner == 0)
            return false;
        AddEvent(db, tx, owner, "token-revoked", by, $"token {tokenId}", now);
        return true;
    });

    public IReadOnlyList<ApiTokenRecord> Tokens(long userId) => database.Read(db => Sql.List(db,
        "SELECT id, user_id, label, created_at, revoked_at, issued_by FROM api_tokens WHERE user_id = @u ORDER BY id",
        r => new ApiTokenRecord(r.GetInt64(0), r.GetInt64(1), r.GetString(2), Sql.ParseTime(r.GetString(3)),
            r.IsDBNull(4) ? null : Sql.ParseTime(r.GetString(4))) { IssuedBy = r.NullableString(5) }, ("@u", userId)));

    /// <summary>
    /// The user a live (unrevoked) token belongs to, when that user is not disabled, and who issued
    /// the token when that was someone else (actions with it name both).
    /// </summary>
    public (UserRecord User, string? IssuedBy)? FindByToken(byte[] tokenHash) => database.Read(db =>
    {
        using var command = Sql.Command(db, $"""
            SELECT {Prefixed("u.")}, t.issued_by FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @h AND t.revoked_at IS NULL AND u.disabled = 0
            """, null, ("@h", tokenHash));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return ((UserRecord, string?)?)null;
        var user = Read(reader);
        var issuer = reader.NullableString(10);
        return (user, issuer is not null && !string.Equals(issuer, user.Name, StringComparison.OrdinalIgnoreCase) ? issuer : null);
    });

    private UserRecord? One(string where, object key) => database.Read(db =>
    {
        using var command = Sql.Command(db, $"SELECT {Columns} FROM users {where}", null, ("@k", key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    });

    private static string Prefixed(string prefix) => string.Join(", ", Columns.Split(", ").Select(c => prefix + c));

    private static UserRecord Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), Roles.Parse(r.GetString(3)), r.GetString(4), r.GetInt64(5) != 0,
        r.GetString(6), Sql.ParseTime(r.GetString(7)), r.GetInt64(8) != 0) { LockedAt = r.IsDBNull(9) ? null : Sql.ParseTime(r.GetString(9)) };

    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
