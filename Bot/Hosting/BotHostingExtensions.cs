using System.Net;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TeamsMeetBot.BotFramework;
using TeamsMeetBot.BotFramework.Authentication;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.Calls;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Scheduling;
using Azure.Core;
using TeamsMeetBot.Storage;
using TeamsMeetBot.Telemetry;

namespace TeamsMeetBot.Hosting;

/// <summary>The two calls Program.cs makes: everything the bot needs, and everything it serves.</summary>
public static class BotHostingExtensions
{
    private const string PollingWatcherVariable = "DOTNET_USE_POLLING_FILE_WATCHER";

    /// <summary>
    /// Call before the web application builder is created. Settings files are reloaded on change; by default that uses an
    /// inotify watcher on the whole content root, and the SQLite database lives under the content root
    /// (<c>data/teamsmeetbot.db</c>), so every database write woke the watcher up (about 5 % of the CPU of a busy bot).
    /// Polling the few settings files every 4 seconds costs nothing per write. An explicit
    /// <c>DOTNET_USE_POLLING_FILE_WATCHER</c> in the environment wins.
    /// </summary>
    public static void UsePollingSettingsWatcher()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PollingWatcherVariable)))
        {
            Environment.SetEnvironmentVariable(PollingWatcherVariable, "true");
        }
    }

    /// <summary>Registers configuration, telemetry, storage, the protocol, Graph and the conversation logic.</summary>
    public static WebApplicationBuilder AddTeamsMeetBot(this WebApplicationBuilder builder)
    {
        AddRootSettingsFile(builder.Configuration);

        var credentials = builder.Configuration.Get<BotCredentialsOptions>() ?? new BotCredentialsOptions();
        var runtime = DecideRuntime(builder.Environment, credentials);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(Options.Create(credentials));
        builder.Services.AddSingleton(TimeProvider.System);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:3978");
        }

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

        builder.Services.AddSingleton<BotTelemetry>();
        // Traces, metrics and logs go through OpenTelemetry when an exporter is configured (OTLP endpoint).
        // Without one, the pipeline is not registered at all: recording every request for nobody costs CPU.
        if (OutboundHttp.IsTelemetryExported(builder.Configuration))
        {
            AddOpenTelemetryExport(builder);
        }

        // Every outbound client logs its own failures with the activity and conversation ids (ConnectorLog,
        // MeetingsLog, ...). IHttpClientFactory's default handlers would add a logging scope and four checks
        // per request on the hot path for lines that appsettings silences anyway.
        builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());

        builder.Services.AddOptions<BotOptions>().Bind(builder.Configuration.GetSection(BotOptions.Section));
        builder.Services.AddMemoryCache(o => o.SizeLimit = 100_000);

        // The protocol edge.
        builder.Services.AddChannelTokenValidation(builder.Configuration);
        builder.Services.AddConnectorClient(builder.Configuration);
        builder.Services.AddSingleton<InboundAuthenticator>();
        builder.Services.AddSingleton<MessagesEndpoint>();

        builder.Services.AddBotStorage(builder.Configuration);

        // Microsoft Graph: the simulated Graph in local mode, graph.microsoft.com with the bot's credential otherwise.
        if (runtime.IsLocalMode)
        {
            builder.Services.AddLocalGraph(builder.Configuration);
        }
        else
        {
            builder.Services.AddSingleton<TokenCredential>(BotCredentialFactory.Create(credentials, credentials.MicrosoftAppTenantId!.Trim()));
        }

        GraphClientProvider.Register(builder.Services, propagateTraceContext: OutboundHttp.IsTelemetryExported(builder.Configuration));
        builder.Services.AddSingleton(sp => new OnlineMeetingsClient(sp.GetRequiredService<GraphClientProvider>()));
        builder.Services.AddOptions<MeetingsOptions>().Bind(builder.Configuration.GetSection(MeetingsOptions.Section));
        builder.Services.AddSingleton<MeetingStore>();
        builder.Services.AddSingleton<AttendeeResolver>();
        builder.Services.AddSingleton<MeetingService>();
        builder.Services.AddCalls(builder.Configuration);
        builder.Services.AddScheduling(builder.Configuration);

        // Conversation logic.
        builder.Services.AddSingleton<RedeliveryGuard>();
        builder.Services.AddHostedService<RedeliveryGuardShutdown>();
        builder.Services.AddSingleton<ConversationReferenceStore>();
        builder.Services.AddSingleton<BotMessenger>();
        builder.Services.AddSingleton<CommandHandler>();
        builder.Services.AddSingleton<CardActionHandler>();
        builder.Services.AddSingleton<ActivityRouter>();

        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>Maps <c>/api/messages</c>, <c>/healthz</c> and, in local mode, the simulated Graph.</summary>
    public static WebApplication MapTeamsMeetBot(this WebApplication app)
    {
        var runtime = app.Services.GetRequiredService<BotRuntime>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TeamsMeetBot.Startup");
        if (runtime.IsLocalMode)
        {
            StartupLog.LocalMode(logger);
        }
        else
        {
            StartupLog.ProductionMode(logger, runtime.AppId ?? "", runtime.TenantId ?? "(multi-tenant)");
        }

        if (app.Services.GetRequiredService<IOptions<ConnectorOptions>>().Value.AllowLoopbackServiceUrls)
        {
            StartupLog.LoopbackServiceUrlsAllowed(logger);
        }

        switch (NativeHeap.Setting)
        {
            case NativeHeapSetting.Applied:
                StartupLog.NativeHeapApplied(logger, NativeHeap.LargeBlockBytes);
                break;
            case NativeHeapSetting.SetByEnvironment or NativeHeapSetting.Ignored:
                StartupLog.NativeHeapUnchanged(logger, NativeHeap.Setting.Value);
                break;
        }

        app.MapPost(MessagesEndpoint.Path, (HttpContext http, MessagesEndpoint endpoint) => endpoint.HandleAsync(http));
        app.MapCalls();
        app.MapHealthChecks("/healthz");
        if (runtime.IsLocalMode)
        {
            app.MapLocalGraph();
        }

        return app;
    }

    /// <summary>
    /// The repository-root appsettings.json is copied next to the binaries. It is inserted as the
    /// lowest-priority source so environment variables, user secrets and the command line override it.
    /// </summary>
    private static void AddRootSettingsFile(ConfigurationManager configuration)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(path) || configuration.Sources.OfType<JsonConfigurationSource>().Any(s => s.Path == path))
        {
            return;
        }

        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        configuration.Sources.Insert(0, source);
    }

    private static BotRuntime DecideRuntime(IWebHostEnvironment environment, BotCredentialsOptions credentials)
    {
        if (string.IsNullOrWhiteSpace(credentials.MicrosoftAppId))
        {
            if (environment.IsDevelopment())
            {
                return new BotRuntime(isLocalMode: true, appId: null, tenantId: null);
            }

            throw new ConfigurationException(
                "MicrosoftAppId is not configured. Set MicrosoftAppType, MicrosoftAppId, MicrosoftAppTenantId and a credential " +
                "(MicrosoftAppPassword, a certificate, or UserAssignedMSI) through environment variables or user secrets. " +
                "To run locally without Teams, use ASPNETCORE_ENVIRONMENT=Development (see README: Local run).");
        }

        var problems = credentials.Validate();
        if (problems.Count > 0)
        {
            throw new ConfigurationException("The bot's configuration is incomplete:" + Environment.NewLine + " - " + string.Join(Environment.NewLine + " - ", problems));
        }

        return new BotRuntime(isLocalMode: false, appId: credentials.MicrosoftAppId!.Trim(), tenantId: credentials.MicrosoftAppTenantId?.Trim());
    }

    internal static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    // A method of its own: compiling the caller then does not load the OpenTelemetry assemblies when no exporter is set.
    private static void AddOpenTelemetryExport(WebApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithLogging()
            .WithTracing(t => t.AddSource(BotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddMeter(BotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .UseOtlpExporter();
    }
}
