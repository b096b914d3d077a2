namespace ReviewFlow.Integrations.Links;

/// <summary>Why a link was refused, in words a person can act on.</summary>
public enum LinkProblem
{
    /// <summary>Not a token at all (cut short in the email client, or made up).</summary>
    Malformed,

    /// <summary>The signature does not match: the token was altered or forged.</summary>
    Forged,

    /// <summary>Signed with a key that is no longer accepted.</summary>
    KeyRetired,

    /// <summary>Past its expiry.</summary>
    Expired,
}

/// <summary>The result of checking a token: the grant, or the problem.</summary>
public sealed record LinkCheck(ActionGrant? Grant, LinkProblem? Problem)
{
    /// <summary>True when the token is genuine and in date.</summary>
    public bool IsValid => Grant is not null;
}
