using System.Globalization;

namespace ReviewFlow.Functions.Web.Auth;

/// <summary>How callers prove who they are (configuration section "Auth").</summary>
internal sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Shortest API key accepted: 32 characters, so a key cannot be guessed or brute-forced.</summary>
    public const int MinKeyLength = 32;

    /// <summary><see cref="AuthMode.Standalone"/> (API keys and the local sign-in) unless set.</summary>
    public AuthMode Mode { get; set; } = AuthMode.Standalone;

    /// <summary>App Service mode: the role (claim of the principal's role type) that makes someone RevOps.</summary>
    public string RevOpsRole { get; set; } = "ReviewFlow.RevOps";

    /// <summary>App Service mode: the claim holding the email address looked up in the roster's managers.</summary>
    public string ManagerIdClaim { get; set; } = "preferred_username";

    /// <summary>Standalone mode: the keys (<c>Auth:ApiKeys:{n}:Key</c>, <c>:Name</c>, <c>:Role</c>, <c>:ManagerId</c>).</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Every problem with the settings, naming the setting and never echoing a key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Mode))
        {
            problems.Add("Auth:Mode must be Standalone or AppService.");
        }

        if (string.IsNullOrWhiteSpace(RevOpsRole))
        {
            problems.Add("Auth:RevOpsRole must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(ManagerIdClaim))
        {
            problems.Add("Auth:ManagerIdClaim must not be empty.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var key = ApiKeys[i];
            var at = "Auth:ApiKeys:" + i.ToString(CultureInfo.InvariantCulture);
            if (string.IsNullOrEmpty(key.Key) || key.Key.Length < MinKeyLength)
            {
                problems.Add($"{at}:Key must be at least {MinKeyLength} characters.");
            }
            else if (!keys.Add(key.Key))
            {
                problems.Add($"{at}:Key is the same as an earlier key.");
            }

            if (string.IsNullOrWhiteSpace(key.Name))
            {
                problems.Add($"{at}:Name is required (it says whose key it is).");
            }
            else if (!names.Add(key.Name))
            {
                problems.Add($"{at}:Name '{key.Name}' is used by an earlier key.");
            }

            switch (key.Role)
            {
                case ViewerClaims.RevOpsRole:
                    break;
                case ViewerClaims.ManagerRole when string.IsNullOrWhiteSpace(key.ManagerId):
                    problems.Add($"{at}:ManagerId is required for a manager's key.");
                    break;
                case ViewerClaims.ManagerRole:
                    break;
                default:
                    problems.Add($"{at}:Role must be '{ViewerClaims.ManagerRole}' or '{ViewerClaims.RevOpsRole}'.");
                    break;
            }
        }

        return problems;
    }
}

/// <summary>Where principals come from.</summary>
internal enum AuthMode
{
    /// <summary>API keys (header <c>X-Api-Key</c>) and a sign-in cookie obtained with a key.</summary>
    Standalone,

    /// <summary>Azure App Service Authentication: the platform signs people in and forwards <c>X-MS-CLIENT-PRINCIPAL</c>.</summary>
    AppService,
}

/// <summary>One configured API key.</summary>
internal sealed class ApiKeyOptions
{
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>"manager" or "revops".</summary>
    public string Role { get; set; } = "";

    /// <summary>The manager's id (their team) for a manager's key; optional for RevOps.</summary>
    public string? ManagerId { get; set; }
}
