using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ReviewFlow.DevStorage;
using ReviewFlow.Functions.Hosting.CustomHandler;
using Spectre.Console;

namespace ReviewFlow.Functions.Hosting;

/// <summary><c>serve</c>: the service (pages, dashboard, API and the engine's worker) on the configured storage, or on an embedded Azurite.</summary>
public static class ServeCommand
{
    /// <summary>Where the service listens by default: loopback only, so a laptop does not share it by accident.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on (semicolon-separated). Under the Azure Functions host (FUNCTIONS_CUSTOMHANDLER_PORT set), http://127.0.0.1:{that port}.",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var connectionString = new Option<string?>("--connection-string")
        {
            Description = "Azure Storage connection string; by default ReviewFlow:StorageConnectionString or AzureWebJobsStorage, else the account AzureWebJobsStorage__accountName with a managed identity, else an embedded Azurite.",
        };
        var command = new Command("serve", "Runs the ReviewFlow service: action pages, dashboard, API and the durable engine's worker.")
        {
            urls, connectionString,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(urls)!, parse.GetValue(connectionString), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string urls, string? connectionString, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        connectionString ??= StorageAccess.ConfiguredConnectionString(configuration);
        AzuriteServer? azurite = null;
        try
        {
            var underFunctionsHost = CustomHandlerMode.Port(configuration) is not null;
            if (string.IsNullOrWhiteSpace(connectionString) && (underFunctionsHost || StorageAccess.ConfiguredAccountName(configuration) is not null))
            {
                // Managed identity (validated when the app is built), or nothing at all under the Functions host:
                // an in-memory Azurite there would silently lose everything, so that fails with a message instead.
                connectionString = "";
            }
            else if (string.IsNullOrWhiteSpace(connectionString))
            {
                console.MarkupLine("No storage configured: starting an embedded Azurite (in memory; everything is lost when the service stops).");
                azurite = await AzuriteServer.StartAsync(cancellationToken: cancellationToken);
                connectionString = azurite.ConnectionString;
            }

            await using var app = ReviewFlowWebApp.Build(new ServiceStart(urls, connectionString!, LocalDevelopment: azurite is not null));
            await app.StartAsync(cancellationToken);
            console.MarkupLine($"[bold]ReviewFlow[/] is listening on {Markup.Escape(string.Join(", ", app.Urls))}. Ctrl+C stops it.");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Invalid ", StringComparison.Ordinal))
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
        catch (AzuriteStartupException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 1;
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }
}
