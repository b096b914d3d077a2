using System.IO.Compression;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReviewFlow.Functions.Tests.Hosting.Telemetry;

/// <summary>
/// A telemetry backend on 127.0.0.1 (an OTLP collector or Application Insights' ingestion endpoint): records every
/// POST with its path, content type and (decompressed) body, and answers 200 like the real ones do.
/// </summary>
internal sealed class CollectorStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();

    private CollectorStub(WebApplication app) => _app = app;

    public string BaseAddress { get; private set; } = string.Empty;

    public static async Task<CollectorStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new CollectorStub(app);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            var body = http.Request.Headers.ContentEncoding.ToString() == "gzip"
                ? new GZipStream(http.Request.Body, CompressionMode.Decompress)
                : http.Request.Body;
            await body.CopyToAsync(buffer);
            await stub._received.Writer.WriteAsync(new Received(http.Request.Path, http.Request.ContentType ?? string.Empty, buffer.ToArray()));

            // Application Insights answers how many items it accepted; an OTLP collector an empty success.
            return Results.Ok(new { itemsReceived = 1, itemsAccepted = 1, errors = Array.Empty<object>() });
        });
        await app.StartAsync();
        stub.BaseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return stub;
    }

    /// <summary>The first request to <paramref name="path"/>; fails the test if none comes within the guard.</summary>
    public async Task<Received> FirstToAsync(string path)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var received = await _received.Reader.ReadAsync(guard.Token);
            if (received.Path == path)
            {
                return received;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record Received(string Path, string ContentType, byte[] Body)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Body);
    }
}
