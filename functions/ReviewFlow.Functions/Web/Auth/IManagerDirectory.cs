namespace ReviewFlow.Functions.Web.Auth;

/// <summary>Finds a manager's id (their team) from the email address a sign-in provider vouches for.</summary>
internal interface IManagerDirectory
{
    /// <summary>The id of the roster's manager with <paramref name="email"/> (case-insensitive), or null.</summary>
    Task<string?> ManagerIdForEmailAsync(string email, CancellationToken cancellationToken);
}
