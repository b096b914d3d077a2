using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using ReviewFlow.Integrations.Links;
using Xunit;

namespace ReviewFlow.Integrations.Tests.Links;

public sealed class ActionLinkSignerTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Repeat((byte)9, 48).ToArray());

    private readonly FakeTimeProvider _clock = new(Now);

    private static ActionGrant Grant(DateTime? expires = null) =>
        new("cycle-2027-Q1-priya", ActionNames.Accept, "priya", expires ?? Now.UtcDateTime.AddDays(14), "n1");

    private static ActionLinkOptions Options(params SigningKey[] keys)
    {
        var options = new ActionLinkOptions { PublicBaseUrl = "https://reviewflow.example.test/" };
        foreach (var key in keys)
        {
            options.SigningKeys.Add(key);
        }

        return options;
    }

    private ActionLinkSigner Signer(params SigningKey[] keys) => new(Options(keys), _clock);

    [Fact]
    public void Check_TokenItSigned_ReturnsTheSameGrant()
    {
        var signer = Signer(new SigningKey { Id = "a", Secret = KeyA });
        var grant = Grant();

        var check = signer.Check(signer.Sign(grant));

        Assert.True(check.IsValid);
        Assert.Equal(grant with { ExpiresUtc = grant.ExpiresUtc }, check.Grant);
    }

    [Fact]
    public void Url_Token_IsUnderThePublicBaseWithoutADoubleSlash()
    {
        var signer = Signer(new SigningKey { Id = "a", Secret = KeyA });

        Assert.Equal("https://reviewflow.example.test/act/abc", signer.Url("abc"));
    }

    [Fact]
    public void Check_PayloadChangedToAnotherSeller_IsForged()
    {
        var signer = Signer(new SigningKey { Id = "a", Secret = KeyA });
        var parts = signer.Sign(Grant()).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("priya", "tomxx", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        Assert.Equal(LinkProblem.Forged, signer.Check(tampered).Problem);
    }

    [Fact]
    public void Check_SignatureFromAnotherKey_IsForged()
    {
        var ours = Signer(new SigningKey { Id = "a", Secret = KeyA });
        var theirs = Signer(new SigningKey { Id = "a", Secret = KeyB });

        Assert.Equal(LinkProblem.Forged, ours.Check(theirs.Sign(Grant())).Problem);
    }

    [Fact]
    public void Check_UnknownKeyId_IsForged()
    {
        var ours = Signer(new SigningKey { Id = "a", Secret = KeyA });
        var other = Signer(new SigningKey { Id = "zz", Secret = KeyA });

        Assert.Equal(LinkProblem.Forged, ours.Check(other.Sign(Grant())).Problem);
    }

    [Fact]
    public void Check_AtExpiry_IsExpired()
    {
        var signer = Signer(new SigningKey { Id = "a", Secret = KeyA });
        var token = signer.Sign(Grant(Now.UtcDateTime.AddHours(1)));

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.True(signer.Check(token).IsValid);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(LinkProblem.Expired, signer.Check(token).Problem);
    }

    [Fact]
    public void Check_AfterRotation_OldKeyVerifiesUntilItsAcceptUntilThenIsRetired()
    {
        var before = Signer(new SigningKey { Id = "old", Secret = KeyA });
        var oldToken = before.Sign(Grant());
        var after = Signer(
            new SigningKey { Id = "new", Secret = KeyB },
            new SigningKey { Id = "old", Secret = KeyA, AcceptUntil = Now.UtcDateTime.AddDays(3) });

        Assert.True(after.Check(oldToken).IsValid);
        Assert.StartsWith("new.", after.Sign(Grant()), StringComparison.Ordinal);
        Assert.True(after.Check(after.Sign(Grant())).IsValid);

        _clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(LinkProblem.KeyRetired, after.Check(oldToken).Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("a.!!!.c")]
    [InlineData("a..")]
    public void Check_NotAToken_IsMalformed(string token)
    {
        var signer = Signer(new SigningKey { Id = "a", Secret = KeyA });

        Assert.Equal(LinkProblem.Malformed, signer.Check(token).Problem);
    }

    [Fact]
    public void Check_OverlongToken_IsMalformedBeforeAnyWork()
    {
        var signer = Signer(new SigningKey { Id = "a", Secret = KeyA });

        Assert.Equal(LinkProblem.Malformed, signer.Check("a." + new string('A', ActionLinkSigner.MaxTokenLength) + ".b").Problem);
    }

    [Fact]
    public void Validate_BadSettings_NamesEachAndNeverEchoesASecret()
    {
        const string shortSecret = "c2hvcnQ=";
        var options = new ActionLinkOptions { PublicBaseUrl = "not a url", Lifetime = TimeSpan.Zero };
        options.SigningKeys.Add(new SigningKey { Id = "a", Secret = shortSecret, AcceptUntil = Now.UtcDateTime });
        options.SigningKeys.Add(new SigningKey { Id = "a", Secret = KeyA });
        options.SigningKeys.Add(new SigningKey { Id = "bad id!", Secret = KeyA });

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Links:PublicBaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("Links:Lifetime", error.Message, StringComparison.Ordinal);
        Assert.Contains("Links:SigningKeys:0:Secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("Links:SigningKeys:0 signs new links", error.Message, StringComparison.Ordinal);
        Assert.Contains("Links:SigningKeys:2:Id", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a' more than once", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shortSecret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyA, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoKeys_SaysAKeyIsNeeded()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ActionLinkOptions { PublicBaseUrl = "https://x.test" }.Validate());

        Assert.Contains("Links:SigningKeys needs at least one key", error.Message, StringComparison.Ordinal);
    }
}
