using Azure.Core;

namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>
/// Hands out <see cref="GraphCalendarOptions.DevelopmentAccessToken"/> as the bearer token, for a Graph stub on a
/// loopback host: a stub cannot issue Entra tokens, and Azure.Identity only talks to a real https authority.
/// <see cref="GraphCalendarOptions.Validate"/> refuses the token anywhere but on loopback.
/// </summary>
internal sealed class GraphDevelopmentTokenCredential : TokenCredential
{
    // The token does not expire: there is no authority to renew it from. A fixed date keeps the wall clock out.
    private static readonly DateTimeOffset NeverExpires = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _token;

    public GraphDevelopmentTokenCredential(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token;
    }

    /// <inheritdoc />
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(_token, NeverExpires);

    /// <inheritdoc />
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    /// <summary>The type only: a credential printed in a log or a debugger must not show the token.</summary>
    public override string ToString() => nameof(GraphDevelopmentTokenCredential);
}
