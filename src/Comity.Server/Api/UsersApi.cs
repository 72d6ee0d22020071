using Comity.Cases;
using Comity.Server.Auth;

namespace Comity.Server.Api;

/// <summary>Users and API tokens, for administrators (auditors may read).</summary>
public static class UsersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users", List)
            .WithName("ListUsers")
            .WithSummary("Users, their roles and their tokens (never a password or a token's secret)")
            .Produces<IReadOnlyList<UserView>>()
            .Allow(Permission.ReadUsers);
        api.MapPost("/users", Add)
            .WithName("AddUser")
            .WithSummary("Add a user; the answer carries a one-time password, to be changed at first sign-in")
            .Accepts<NewUserBody>("application/json")
            .Produces<NewUserView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Allow(Permission.ManageUsers);
        api.MapPost("/users/{name}/tokens", IssueToken)
            .WithName("IssueToken")
            .WithSummary("Issue an API token for a user; the token is shown once. It records who issued it, and every entry made with it names both (\"clerk (token issued by admin)\")")
            .Accepts<NewTokenBody>("application/json")
            .Produces<NewTokenView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ManageUsers);
        api.MapPost("/users/{name}/unlock", Unlock)
            .WithName("UnlockUser")
            .WithSummary("Unlock an account locked after repeated failed sign-ins (logged with who unlocked it)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Allow(Permission.ManageUsers);
        api.MapDelete("/tokens/{id:long}", Revoke)
            .WithName("RevokeToken")
            .WithSummary("Revoke an API token")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ManageUsers);
    }

    private static IResult List(UserDirectory users) => TypedResults.Ok(users.Store.List().Select(u => View(u, users.Store)).ToArray());

    private static async Task<IResult> Add(HttpContext context, UserDirectory users)
    {
        var (body, problem) = await ApiBody.Read<NewUserBody>(context.Request);
        if (problem is not null)
            return problem;
        var roles = new List<Role>();
        for (var i = 0; i < body!.Roles.Count; i++)
        {
            if (!Roles.Names.TryParse(body.Roles[i], out var role))
                return Problems.BadRequest($"expected {Roles.Names.Expected}", $"$.roles[{i}]");
            roles.Add(role);
        }
        var (user, password, error) = users.Add(body.Name, body.DisplayName, roles);
        if (error is not null)
            return Problems.BadRequest(error, "$.name");
        return TypedResults.Created($"{ApiRoutes.Prefix}/users", new NewUserView(user!.Name, user.Roles.Select(Roles.Names.Name).ToArray(), password!));
    }

    private static async Task<IResult> IssueToken(HttpContext context, UserDirectory users, string name)
    {
        var (body, problem) = await ApiBody.Read<NewTokenBody>(context.Request);
        if (problem is not null)
            return problem;
        if (users.Store.Find(name) is not { } user)
            return Problems.NotFound($"there is no user \"{name}\"");
        if (string.IsNullOrWhiteSpace(body!.Label))
            return Problems.BadRequest("give the token a label that says which system uses it", "$.label");
        var (id, token) = users.IssueToken(user.Id, body.Label.Trim(), context.User.Name());
        return TypedResults.Created($"{ApiRoutes.Prefix}/users", new NewTokenView(id, body.Label.Trim(), token));
    }

    private static IResult Revoke(HttpContext context, UserDirectory users, long id) =>
        users.RevokeToken(id, context.User.Name()) ? TypedResults.NoContent() : Problems.NotFound($"there is no live token {id}");

    private static IResult Unlock(HttpContext context, UserDirectory users, string name)
    {
        if (users.Store.Find(name) is not { } user)
            return Problems.NotFound($"there is no user \"{name}\"");
        return users.Unlock(user.Id, context.User.Name()) ? TypedResults.NoContent() : Problems.Conflict($"the account \"{user.Name}\" is not locked");
    }

    private static UserView View(UserRecord u, UserStore store) => new(u.Name, u.DisplayName, u.Roles.Select(Roles.Names.Name).ToArray(),
        u.Disabled, u.MustChangePassword, u.CreatedAt, store.Tokens(u.Id).Select(t => new TokenView(t.Id, t.Label, t.CreatedAt, t.RevokedAt, t.IssuedBy)).ToArray(), u.LockedAt);
}
