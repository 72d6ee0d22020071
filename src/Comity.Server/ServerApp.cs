using System.Net;
using System.Threading.RateLimiting;
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
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

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

        AddServices(builder.Services, new SignInOptions(IdentityProviderSettings.From(builder.Configuration), IdentityProviderSettings.LocalAccounts(builder.Configuration)));
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    /// <summary>Sign-in attempts one client address may make in a minute.</summary>
    public const int SignInsPerMinute = 20;

    /// <summary>
    /// The Content-Security-Policy of every answer: scripts, styles and images from the server
    /// itself only (no inline script or style), no plugins, no framing, forms posting back here.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    /// <summary>The default authentication scheme: chooses the API's or the web app's by path.</summary>
    private const string DoorScheme = "ComityDoor";

    private static void AddServices(IServiceCollection services, SignInOptions signIn)
    {
        services.AddSingleton(signIn);
        services.AddSingleton<ExternalSignIn>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ServerSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => Storage.Stores.OpenCases(sp.GetRequiredService<ServerSettings>().Store));
        services.AddSingleton<CaseStore>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton(sp => Storage.Stores.OpenLedger(sp.GetRequiredService<ServerSettings>().Store));
        services.AddSingleton(sp => StackCatalog.ForRoot(sp.GetRequiredService<ServerSettings>().StacksRoot));
        services.AddSingleton<Recorder>();
        services.AddSingleton<Web.ServedStacks>();
        services.AddSingleton<CaseWorkflow>();
        services.AddSingleton(sp => sp.GetRequiredService<CaseStore>().RecordsRequests);
        services.AddSingleton<RecordsRequestDesk>();
        services.AddSingleton(sp => new Comity.Notices.NoticeDesk(sp.GetRequiredService<TransparencyLog>(), sp.GetRequiredService<CaseStore>(),
            sp.GetRequiredService<StackCatalog>(), sp.GetRequiredService<ServerSettings>().StacksRoot, sp.GetRequiredService<ServerSettings>().DataFolder, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Comity.Documents.DocumentStore(sp.GetRequiredService<ServerSettings>().DataFolder));
        services.AddSingleton<Comity.Documents.CaseDocuments>();
        services.AddSingleton<Web.LedgerVerifications>();
        services.AddSingleton<LedgerBrowser>();
        services.AddSingleton<Disclosures.DisclosureStore>();
        services.AddSingleton<Disclosures.Discloser>();
        services.AddSingleton(sp => new Comity.Reports.Publishing.ReportDesk(sp.GetRequiredService<TransparencyLog>(), sp.GetRequiredService<ServerSettings>().DataFolder,
            sp.GetRequiredService<ServerSettings>().StacksRoot, commitment => sp.GetRequiredService<CaseStore>().FindIdentity(commitment)?.Identity));
        services.AddHostedService<ReportProjectionKeeper>();
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<ServerSettings>((o, settings) =>
            o.XmlRepository = new OwnerOnlyXmlRepository(Path.Combine(settings.DataFolder, "keys")));
        services.AddSingleton<CaseVerifier>();
        services.AddSingleton<AccessRecorder>();
        services.AddSingleton<CaseProjection>();
        services.AddHostedService<CaseCatchUp>();
        services.AddSingleton<Webhooks.WebhookStore>();
        services.AddSingleton(sp => new Webhooks.WebhookDispatcher(sp.GetRequiredService<Webhooks.WebhookStore>(), sp.GetRequiredService<CaseStore>(),
            sp.GetRequiredService<TransparencyLog>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ServerSettings>().WebhookRetryDelays));
        services.AddSingleton<Webhooks.IWebhookTransport, HttpWebhookTransport>();
        services.AddSingleton<WebhookWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookWorker>());

        var authentication = services.AddAuthentication(DoorScheme)
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
                // With an identity provider the browser comes back from another site, and a strict
                // cookie would not go with the first page after it (the person would land signed out).
                // Lax still keeps it off cross-site posts, and every form carries an antiforgery token.
                o.Cookie.SameSite = signIn.Provider is null ? SameSiteMode.Strict : SameSiteMode.Lax;
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
        if (signIn.Provider is { } provider)
            authentication.AddOpenIdConnect(IdentityProviderSettings.Scheme, provider.DisplayName, o => IdentityProviderSignIn.Configure(o, provider));

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
        // Sign-in attempts per client address: 20 a minute, then 429 (the lockout after five
        // failures in a row protects each account from slower guessing, from any address).
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(c =>
                HttpMethods.IsPost(c.Request.Method) && c.Request.Path.Equals("/signin", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter("sign-in " + (c.Connection.RemoteIpAddress?.ToString() ?? "local"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
        });
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
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(PasswordChangeFirst);
        app.Use(AccessLogging.Log);

        ApiRoutes.Map(app);
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/api/v1/schema/decision-request", () => TypedResults.Text(Contract.ContractSchema.Request().ToJsonString(), "application/schema+json"))
            .WithName("DecisionRequestSchema").WithSummary("The JSON Schema of a decision request (contract v1)").AllowAnonymous();
        app.MapGet("/assets/{file}", Assets.Serve).AllowAnonymous().ExcludeFromDescription();
        app.MapOperations();
        app.MapTransparency();
        app.MapStaffReportFiles();
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
            if (app.Services.GetRequiredService<SignInOptions>().LocalAccounts
                && FirstRun.EnsureAdministrator(app.Services.GetRequiredService<UserDirectory>()) is { } message)
                await output.WriteLineAsync(message);
            await app.StartAsync();
            await output.WriteLineAsync($"Comity is serving on {string.Join(", ", app.Urls)} (data: {settings.DataFolder}{(settings.Store.IsPostgres ? $"; databases: {settings.Store}" : "")}). Stop with Ctrl+C.");
        }
        catch (Exception e) when (e is CaseStoreException or LedgerException)
        {
            await Console.Error.WriteLineAsync($"comity: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is ServerConfigurationException || e.InnerException is ServerConfigurationException)
        {
            await Console.Error.WriteLineAsync($"comity: {(e as ServerConfigurationException ?? e.InnerException)!.Message}");
            return 2;
        }
        catch (Exception e) when (e is Storage.StoreConfigurationException || e.InnerException is Storage.StoreConfigurationException)
        {
            await Console.Error.WriteLineAsync($"comity: {(e as Storage.StoreConfigurationException ?? e.InnerException)!.Message}");
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
        // API answers, downloads and the staff pages hold case data (a person's name on a case
        // page): never kept by a browser or a proxy, so the back button after sign-out on a shared
        // desk shows nothing. Only the stylesheets and scripts and the public transparency page,
        // which hold no case data, may be cached. (The value is the one antiforgery insists on for
        // pages with a form, so it need not override it.)
        if (!context.Request.Path.StartsWithSegments("/assets") && !context.Request.Path.StartsWithSegments("/transparency"))
            headers.CacheControl = "no-cache, no-store";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["X-Permitted-Cross-Domain-Policies"] = "none";
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
