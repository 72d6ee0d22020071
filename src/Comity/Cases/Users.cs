using Comity.Contract;

namespace Comity.Cases;

/// <summary>
/// What a person or system may do in Comity. intake records decisions and serves obligations;
/// supervisor does the same and oversees; counsel reviews decisions; auditor reads everything and
/// changes nothing; admin manages users and tokens.
/// </summary>
public enum Role { Intake, Supervisor, Counsel, Auditor, Admin }

public static class Roles
{
    public static readonly Vocabulary<Role> Names = new("role", "intake", "supervisor", "counsel", "auditor", "admin");

    public static string Join(IEnumerable<Role> roles) => string.Join(',', roles.Distinct().Order().Select(Names.Name));

    public static IReadOnlyList<Role> Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => Names.TryParse(n, out var r) ? r : throw new CaseStoreException($"unknown role \"{n}\" in the users table"))
            .ToArray();
}

/// <summary>A user as stored: the password only as its hash; <see cref="Stamp"/> changes whenever the password or roles do.</summary>
public sealed record UserRecord(
    long Id,
    string Name,
    string DisplayName,
    IReadOnlyList<Role> Roles,
    string PasswordHash,
    bool MustChangePassword,
    string Stamp,
    DateTimeOffset CreatedAt,
    bool Disabled)
{
    /// <summary>When the account was locked after repeated failed sign-ins; null while it is not locked.</summary>
    public DateTimeOffset? LockedAt { get; init; }
}

/// <summary>An API token as stored: its label and dates, never the token itself.</summary>
public sealed record ApiTokenRecord(long Id, long UserId, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>Who issued the token (null for tokens issued before the case database's version 4).</summary>
    public string? IssuedBy { get; init; }
}

/// <summary>Something that happened to an account: locked, unlocked, a token issued or revoked, a password reset, disabled, enabled.</summary>
public sealed record AccountEvent(DateTimeOffset At, string User, string Event, string? By, string Detail);
