using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ReviewFlow.Integrations.Links;
using Xunit;

namespace ReviewFlow.Integrations.Tests.Links;

public sealed class EmailLinkSignerTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly ActionLinkSigner _signer;
    private readonly EmailLinkSigner _links;

    public EmailLinkSignerTests()
    {
        _signer = new ActionLinkSigner(ActionLinkOptions.WithEphemeralKey("https://reviewflow.example.test"), _clock);
        _links = new EmailLinkSigner(_signer, _clock);
    }

    private ActionGrant GrantOf(JsonNode? url)
    {
        var text = url!.GetValue<string>();
        Assert.StartsWith("https://reviewflow.example.test/act/", text, StringComparison.Ordinal);
        var check = _signer.Check(text["https://reviewflow.example.test/act/".Length..]);
        Assert.True(check.IsValid, check.Problem?.ToString());
        return check.Grant!;
    }

    [Fact]
    public void Sign_ModelWithMarkersAtAnyDepth_ReplacesEachWithASignedLinkSharingOneNonce()
    {
        var model = new JsonObject
        {
            ["acceptLink"] = ActionLinkMarker.For("cycle-2027-Q1-priya", ActionNames.Accept, "priya"),
            ["nested"] = new JsonObject { ["items"] = new JsonArray(ActionLinkMarker.For("cycle-2027-Q1-priya", ActionNames.Propose, "priya")) },
            ["sellerName"] = "Priya Shah",
        };

        var signed = _links.Sign(model);

        var accept = GrantOf(signed["acceptLink"]);
        var propose = GrantOf(signed["nested"]!["items"]![0]);
        Assert.Equal(("cycle-2027-Q1-priya", ActionNames.Accept, "priya"), (accept.InstanceId, accept.Action, accept.PersonId));
        Assert.Equal(ActionNames.Propose, propose.Action);
        Assert.Equal(accept.Nonce, propose.Nonce);
        Assert.Equal(Now.UtcDateTime.AddDays(14), accept.ExpiresUtc);
        Assert.Equal("Priya Shah", signed["sellerName"]!.GetValue<string>());
    }

    [Fact]
    public void Sign_TwoEmails_GetDifferentNonces()
    {
        var model = new JsonObject { ["link"] = ActionLinkMarker.For("c", ActionNames.CheckIn, "p") };

        Assert.NotEqual(GrantOf(_links.Sign(model)["link"]).Nonce, GrantOf(_links.Sign(model)["link"]).Nonce);
    }

    [Fact]
    public void Sign_PageMarker_BecomesAPlainAddressOfTheService()
    {
        var model = new JsonObject { ["link"] = ActionLinkMarker.Page("dashboard/cycles/cycle-2027-Q1-priya") };

        Assert.Equal("https://reviewflow.example.test/dashboard/cycles/cycle-2027-Q1-priya", _links.Sign(model)["link"]!.GetValue<string>());
    }

    [Fact]
    public void Sign_Model_LeavesTheOrchestratorsModelUntouched()
    {
        var marker = ActionLinkMarker.For("c", ActionNames.Define, "mark");
        var model = new JsonObject { ["link"] = marker };

        _ = _links.Sign(model);

        Assert.Equal(marker, model["link"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("reviewflow-action:only/two")]
    [InlineData("reviewflow-action:a//c")]
    [InlineData("https://example.test/act/x")]
    public void Sign_NotAMarker_IsLeftAsItIs(string text)
    {
        Assert.Equal(text, _links.Sign(new JsonObject { ["x"] = text })["x"]!.GetValue<string>());
    }

    [Fact]
    public void Marker_IdsWithSlashes_RoundTrip()
    {
        Assert.True(ActionLinkMarker.TryParse(ActionLinkMarker.For("cycle/odd id", "accept", "p/1"), out var parsed));
        Assert.Equal(("cycle/odd id", "accept", "p/1"), parsed);
    }
}
