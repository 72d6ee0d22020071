using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Comity.Cases;
using Microsoft.AspNetCore.Identity;

namespace Comity.Server.Auth;

/// <summary>
/// People and systems who use Comity: adding users with one-time passwords, signing in, changing
/// passwords, issuing and resolving API tokens. Passwords are hashed with ASP.NET Core Identity's
/// PasswordHasher (PBKDF2 with HMAC-SHA512, salted, 100,000 iterations); API tokens are 256-bit
/// random secrets of which only a SHA-256 hash is kept.
/// </summary>
public sealed class UserDirectory(UserStore users, TimeProvider time)
{
    public const int MinimumPasswordLength = 12;
    public const string TokenPrefix = "cmy_";

    /// <summary>How long a resolved token is trusted before the database is asked again (revocations take effect within it).</summary>
    private static readonly TimeSpan TokenCacheLifetime = TimeSpan.FromSeconds(30);

    private readonly PasswordHasher<UserRecord> _hasher = new();
    private readonly ConcurrentDictionary<string, ((UserRecord User, string? IssuedBy)? Holder, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);

    public UserStore Store => users;

    /// <summary>Adds a user with a generated one-time password, which is returned once and must be changed at first sign-in.</summary>
    public (UserRecord? User, string? Password, string? Error) Add(string name, string? displayName, IReadOnlyList<Role> roles)
    {
        if (NameError(name) is { } nameError)
            return (null, null, nameError);
        if (roles.Count == 0)
            return (null, null, "give the user at least one role: " + Roles.Names.Expected);
        var password = OneTimePassword();
        if (!users.TryAdd(name, string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(), roles, _hasher.HashPassword(null!, password), true, time.GetUtcNow(), out var user))
            return (null, null, $"a user named \"{name}\" already exists");
        return (user, password, null);
    }

    /// <summary>Failed sign-ins in a row after which an account is locked until an administrator unlocks it (CJIS Security Policy 5.5.3).</summary>
    public const int LockAfterFailures = 5;

    /// <summary>
    /// The user, when the name and password match an enabled account that is not locked. A wrong
    /// password counts against the account, which is locked at the <see cref="LockAfterFailures"/>th
    /// in a row (the lock is logged in the account's events); a good one starts the count again.
    /// </summary>
    public SignInAttempt SignIn(string name, string password)
    {
        var user = users.Find(name.Trim());
        // A user of the identity provider has no password here (an empty hash): never signed in with one.
        if (user is null || user.Disabled || user.PasswordHash.Length == 0)
        {
            // Hash anyway, so that a wrong name takes as long as a wrong password.
            _hasher.VerifyHashedPassword(null!, DummyHash, password);
            return new SignInAttempt(null, false, false);
        }
        if (user.LockedAt is not null)
        {
            _hasher.VerifyHashedPassword(null!, DummyHash, password);
            return new SignInAttempt(null, true, false);
        }
        var result = _hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            var locked = users.SignInFailed(user.Id, LockAfterFailures, time.GetUtcNow());
            return new SignInAttempt(null, locked, locked);
        }
        users.SignInSucceeded(user.Id);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            users.SetPassword(user.Id, _hasher.HashPassword(user, password), user.MustChangePassword);
        return new SignInAttempt(users.Find(user.Id), false, false);
    }

    /// <summary>Unlocks an account locked after failed sign-ins; false when it was not locked.</summary>
    public bool Unlock(long userId, string by) => users.Unlock(userId, by, time.GetUtcNow());

    /// <summary>Sets a password the user chose; returns the error to show, or null.</summary>
    public string? ChangePassword(long userId, string current, string chosen)
    {
        var user = users.Find(userId);
        if (user is null || _hasher.VerifyHashedPassword(user, user.PasswordHash, current) == PasswordVerificationResult.Failed)
            return "the current password is not right";
        if (chosen.Length < MinimumPasswordLength)
            return $"choose a password of at least {MinimumPasswordLength} characters";
        if (chosen == current)
            return "choose a password different from the current one";
        users.SetPassword(userId, _hasher.HashPassword(user, chosen), false);
        return null;
    }

    /// <summary>Gives a user a new one-time password (for a forgotten one), returned once; logged as done by <paramref name="by"/>.</summary>
    public string ResetPassword(long userId, string? by = null)
    {
        var password = OneTimePassword();
        users.SetPassword(userId, _hasher.HashPassword(null!, password), true);
        users.LogEvent(userId, "password-reset", by, "", time.GetUtcNow());
        ForgetTokens();
        return password;
    }

    public void SetDisabled(long userId, bool disabled, string? by = null)
    {
        users.SetDisabled(userId, disabled);
        users.LogEvent(userId, disabled ? "disabled" : "enabled", by, "", time.GetUtcNow());
        ForgetTokens();
    }

    /// <summary>
    /// Issues an API token for a user; the token is returned once and never stored. The token
    /// records who issued it (<paramref name="issuedBy"/>), and so does the account's log: when an
    /// administrator issues a token for someone else, every action with it names both.
    /// </summary>
    public (long Id, string Token) IssueToken(long userId, string label, string? issuedBy = null)
    {
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var id = users.AddToken(userId, label, Hash(token), now, issuedBy);
        users.LogEvent(userId, "token-issued", issuedBy, $"token {id} \"{label}\"", now);
        return (id, token);
    }

    public bool RevokeToken(long tokenId, string? by = null)
    {
        var revoked = users.RevokeToken(tokenId, time.GetUtcNow(), by);
        ForgetTokens();
        return revoked;
    }

    /// <summary>
    /// The user a bearer token stands for, and who issued it when that was someone else; null for
    /// an unknown, revoked or malformed token.
    /// </summary>
    public (UserRecord User, string? IssuedBy)? ResolveToken(string token)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 100)
            return null;
        var now = time.GetUtcNow();
        if (_tokens.TryGetValue(token, out var cached) && cached.Until > now)
            return cached.Holder;
        var holder = users.FindByToken(Hash(token));
        _tokens[token] = (holder, now + TokenCacheLifetime);
        return holder;
    }

    /// <summary>Whether a signed-in principal still stands: the account exists, is enabled and not locked, and its password and roles are unchanged.</summary>
    public bool StillValid(long userId, string stamp) => users.Find(userId) is { Disabled: false, LockedAt: null } u && u.Stamp == stamp;

    private void ForgetTokens() => _tokens.Clear();

    private static string? NameError(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "give the user a name";
        if (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
            return "a user name is up to 64 letters, digits and . - _ @";
        return null;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Four groups of four from letters and digits that cannot be mistaken for each other (about 80 bits).</summary>
    private static string OneTimePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = new char[19];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = i % 5 == 4 ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(chars);
    }

    private static readonly string DummyHash = new PasswordHasher<UserRecord>().HashPassword(null!, "not a password anyone has");
}

/// <summary>
/// What a sign-in came to: the user when it succeeded; <see cref="Locked"/> when the account is
/// locked (a right password does not open it), <see cref="LockedNow"/> when this failure locked it.
/// </summary>
public sealed record SignInAttempt(UserRecord? User, bool Locked, bool LockedNow);
