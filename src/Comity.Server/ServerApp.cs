using System.Net;
using Comity.Cases;
using Comity.Engine;
using Comity.Ledger;
using Comity.Server.Api;
using Comity.Server.Auth;
using Comity.Server.Hosting;
using Comity.Recording;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;

namespace Comity.Server;

/// <summary>
/// The Comity server: the HTTP API under /api/v1 (bearer tokens) and the staff web app (cookie
/// sign-in with antiforgery) on ASP.NET Core's own server, Kestrel, over one data folder.
/// </summary>
public static class ServerApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ServerApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(ServerSettings.DefaultUrl);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = DecisionsApi.MaxRequestBytes;
        });
        // One line per request at Information would cost more than deciding it.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // RunAsync prints where the server listens; the framework's own lines would repeat it.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // The sign-in cookies' keys live in DATA/keys, protected by the folder's permissions like the
        // databases and the signing key beside them; Linux has no machine key store to wrap them with.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);

        AddServices(builder.Services);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    /// <summary>The default authentication scheme: chooses the API's or the web app's by path.</summary>
    private const string DoorScheme = "ComityDoor";

    private static void AddServices(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ServerSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => CaseDatabase.Open(sp.GetRequiredService<ServerSettings>().DataFolder));
        services.AddSingleton<CaseStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton(sp => TransparencyLog.Open(sp.GetRequiredService<ServerSettings>().DataFolder));
        services.AddSingleton(sp => StackCatalog.ForRoot(sp.GetRequiredService<ServerSettings>().StacksRoot));
        services.AddSingleton<Recorder>();
        services.AddSingleton<Web.ServedStacks>();
        services.AddSingleton<CaseWorkflow>();
        services.AddSingleton(sp => new Comity.Notices.NoticeDesk(sp.GetRequiredService<TransparencyLog>(), sp.GetRequiredService<CaseStore>(),
            sp.GetRequiredService<StackCatalog>(), sp.GetRequiredService<ServerSettings>().StacksRoot, sp.GetRequiredService<ServerSettings>().DataFolder, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Disclosures.DisclosureStore>();
        services.AddSingleton<Disclosures.Discloser>();
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<ServerSettings>((o, settings) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(settings.DataFolder, "keys")), NullLoggerFactory.Instance));
        services.AddSingleton<CaseVerifier>();
        services.AddSingleton<CaseProjection>();
        services.AddHostedService<CaseCatchUp>();

        services.AddAuthentication(DoorScheme)
            // The API is for other systems, pages are for people: whatever asks under /api/v1 (a
            // route that does not exist included) is answered as an API call, 401 problem+json
            // without a token, never a redirect to the sign-in page.
            .AddPolicyScheme(DoorScheme, "bearer tokens under /api/v1, the sign-in cookie elsewhere", o =>
                o.ForwardDefaultSelector = c => c.Request.Path.StartsWithSegments(ApiRoutes.Prefix)
                    ? BearerTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.Cookie.Name = "comity";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the page was served over HTTPS (the default port is plain HTTP on 127.0.0.1 only).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // Signing out ends the sign-in for good: a copy of the cookie saved before no longer validates.
                o.Events.OnSigningOut = context =>
                {
                    if (long.TryParse(context.HttpContext.User.FindFirst(ComityClaims.UserId)?.Value, out var id))
                        context.HttpContext.RequestServices.GetRequiredService<UserDirectory>().Store.NewSignInStamp(id);
                    return Task.CompletedTask;
                };
                o.SlidingExpiration = true;
                // A signed-in person without the role gets a 403 page, not a redirect.
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                // A changed password or role, or a disabled account, ends existing sign-ins.
                o.Events.OnValidatePrincipal = async context =>
                {
                    var principal = context.Principal!;
                    var users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
                    if (!long.TryParse(principal.FindFirst(ComityClaims.UserId)?.Value, out var id)
                        || !users.StillValid(id, principal.FindFirst(ComityClaims.Stamp)?.Value ?? ""))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);

        services.AddAuthorization(o =>
        {
            foreach (var p in Enum.GetValues<Permission>())
                o.AddPolicy(Permissions.Policy(p), policy => policy.RequireRole(Permissions.RolesFor(p).Select(Roles.Names.Name)));
            // Anything not marked otherwise needs a signed-in user.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

        services.AddRazorPages().AddApplicationPart(typeof(ServerApp).Assembly);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "comity-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddProblemDetails();
        services.AddOpenApi(OpenApiDocument.Configure);
        services.AddOperations();
    }

    private static void UsePipeline(WebApplication app)
    {
        app.Use(SecurityHeaders);
        app.UseWhen(c => c.Request.Path.StartsWithSegments(ApiRoutes.Prefix), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                // The server's own refusals of a request (a body over the size limit sent chunked,
                // a client that stops mid-body) keep their 4xx status instead of becoming a 500.
                StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !c.Request.Path.StartsWithSegments(ApiRoutes.Prefix), pages =>
        {
            pages.UseExceptionHandler("/status/500");
            pages.UseStatusCodePagesWithReExecute("/status/{0}");
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(PasswordChangeFirst);

        ApiRoutes.Map(app);
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/api/v1/schema/decision-request", () => TypedResults.Text(Contract.ContractSchema.Request().ToJsonString(), "application/schema+json"))
            .WithName("DecisionRequestSchema").WithSummary("The JSON Schema of a decision request (contract v1)").AllowAnonymous();
        app.MapGet("/assets/{file}", Assets.Serve).AllowAnonymous().ExcludeFromDescription();
        app.MapOperations();
        app.MapRazorPages();
    }

    /// <summary>Opens the data folder, creates the first administrator when there are no users, and serves until stopped.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        WebApplication app;
        try
        {
            app = Build(args);
            var settings = app.Services.GetRequiredService<ServerSettings>();
            app.Services.GetRequiredService<CaseDatabase>();
            app.Services.GetRequiredService<TransparencyLog>();
            var defaultStack = Path.Combine(settings.StacksRoot, ServerSettings.DefaultJurisdiction);
            if (!File.Exists(Path.Combine(defaultStack, Law.StackLoader.StackFile)))
            {
                await Console.Error.WriteLineAsync($"comity: no stack for {ServerSettings.DefaultJurisdiction} under {settings.StacksRoot}; run from the repository folder or give --stacks ROOT");
                return 2;
            }
            // A stack with errors is reported where they are before serving, not at the first request.
            Law.StackLoader.Load(defaultStack);
            if (FirstRun.EnsureAdministrator(app.Services.GetRequiredService<UserDirectory>()) is { } message)
                await output.WriteLineAsync(message);
            await app.StartAsync();
            await output.WriteLineAsync($"Comity is serving on {string.Join(", ", app.Urls)} (data: {settings.DataFolder}). Stop with Ctrl+C.");
        }
        catch (Exception e) when (e is CaseStoreException or LedgerException)
        {
            await Console.Error.WriteLineAsync($"comity: {e.Message}");
            return 2;
        }
        catch (Law.LawException e)
        {
            foreach (var error in e.Errors)
                await Console.Error.WriteLineAsync($"comity: {error}");
            return 2;
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"comity: cannot listen: {e.Message}; give another address with --urls");
            return 2;
        }
        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return 0;
    }

    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // API answers and downloads hold case data: never kept by a browser or a proxy.
        if (context.Request.Path.StartsWithSegments(ApiRoutes.Prefix))
            headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
        return next(context);
    }

    /// <summary>Someone signed in with a one-time password chooses their own before anything else.</summary>
    private static Task PasswordChangeFirst(HttpContext context, RequestDelegate next)
    {
        if (context.User.HasClaim(ComityClaims.MustChangePassword, "true")
            && !context.Request.Path.StartsWithSegments("/account/password")
            && !context.Request.Path.StartsWithSegments("/signout")
            && !context.Request.Path.StartsWithSegments("/assets")
            && !context.Request.Path.StartsWithSegments(ApiRoutes.Prefix))
        {
            context.Response.Redirect("/account/password");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
