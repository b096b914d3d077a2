using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ReviewFlow.DevStorage;
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
            Description = "Addresses to listen on (semicolon-separated).",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var connectionString = new Option<string?>("--connection-string")
        {
            Description = "Azure Storage connection string; by default ReviewFlow:StorageConnectionString or AzureWebJobsStorage, else an embedded Azurite.",
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
        connectionString ??= ConfiguredConnectionString();
        AzuriteServer? azurite = null;
        try
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                console.MarkupLine("No storage configured: starting an embedded Azurite (in memory; everything is lost when the service stops).");
                azurite = await AzuriteServer.StartAsync(cancellationToken: cancellationToken);
                connectionString = azurite.ConnectionString;
            }

            await using var app = ReviewFlowWebApp.Build(new ServiceStart(urls, connectionString, LocalDevelopment: azurite is not null));
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

    private static string? ConfiguredConnectionString()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var configured = configuration[$"{ServiceOptions.SectionName}:{nameof(ServiceOptions.StorageConnectionString)}"];
        return string.IsNullOrWhiteSpace(configured) ? configuration["AzureWebJobsStorage"] : configured;
    }
}
