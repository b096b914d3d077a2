using System.Text.Json.Nodes;

using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Email.SendGrid;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Email.SendGrid;

/// <summary>What goes on the wire: the JSON the real SDK posts, as the stub received it.</summary>
public sealed class SendGridEmailSenderContentTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly SendGridStub _stub = SendGridStub.Start(SendGridHarness.ApiKey);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task SendAsync_RenderedMode_PostsAddressesSubjectBothPartsCustomArgsAndCategories()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);
        var action = new AwaitedAction("cycle-priya-2027q1", "CheckInSubmitted", "priya", [3, 4]);

        var sent = await harness.Sender.SendAsync(SendGridHarness.CheckIn(action), "cycle-priya-2027q1:1:7", CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        var mail = request.Json;
        Assert.Equal("reviewflow@acme.example", (string?)mail["from"]!["email"]);
        Assert.Equal("ReviewFlow", (string?)mail["from"]!["name"]);
        var personalization = Assert.Single(mail["personalizations"]!.AsArray())!;
        var to = Assert.Single(personalization["to"]!.AsArray())!;
        Assert.Equal("priya@acme.example", (string?)to["email"]);
        Assert.Equal("Priya Shah", (string?)to["name"]);
        var cc = Assert.Single(personalization["cc"]!.AsArray())!;
        Assert.Equal("mark@acme.example", (string?)cc["email"]);
        Assert.Equal("Your 2-minute check-in for weeks 3–4", (string?)mail["subject"]);
        var content = mail["content"]!.AsArray();
        Assert.Equal(["text/plain", "text/html"], content.Select(c => (string?)c!["type"]));
        Assert.Contains("how did weeks 3–4 go?", (string?)content[0]!["value"], StringComparison.Ordinal);
        Assert.Contains("Share your check-in</a>", (string?)content[1]!["value"], StringComparison.Ordinal);
        Assert.Null(mail["template_id"]);
        var customArgs = mail["custom_args"]!.AsObject();
        Assert.Equal("cycle-priya-2027q1:1:7", (string?)customArgs["idempotency_key"]);
        Assert.Equal("checkin-request", (string?)customArgs["template"]);
        Assert.Equal("cycle-priya-2027q1", (string?)customArgs["instance_id"]);
        Assert.Equal(["reviewflow", "checkin-request"], mail["categories"]!.AsArray().Select(c => (string?)c));
        Assert.False((bool)mail["tracking_settings"]!["open_tracking"]!["enable"]!);
        Assert.False((bool)mail["tracking_settings"]!["click_tracking"]!["enable"]!);
        Assert.Equal("stub-1", sent.MessageId);
        Assert.Equal("Your 2-minute check-in for weeks 3–4", sent.Subject);
        Assert.False(sent.AlreadySent);
    }

    [Fact]
    public async Task SendAsync_NoAction_OmitsInstanceIdButKeepsKeyAndTemplate()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);

        await harness.Sender.SendAsync(SendGridHarness.CheckIn(action: null), "k-1", CancellationToken.None);

        var customArgs = Assert.Single(_stub.Requests).Json["custom_args"]!.AsObject();
        Assert.Equal(["idempotency_key", "template"], customArgs.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendAsync_CcEqualToRecipientOrRepeated_LeftOut()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);
        var dana = new EmailAddress("dana@acme.example", "Dana");
        var recipientAgain = new EmailAddress("PRIYA@acme.example", "Priya");

        await harness.Sender.SendAsync(SendGridHarness.CheckIn(cc: [recipientAgain, dana, dana]), "k-1", CancellationToken.None);

        var personalization = Assert.Single(_stub.Requests).Json["personalizations"]![0]!;
        var cc = Assert.Single(personalization["cc"]!.AsArray())!;
        Assert.Equal("dana@acme.example", (string?)cc["email"]);
    }

    [Fact]
    public async Task SendAsync_DynamicTemplateMode_PostsTemplateIdAndModelAsDataWithoutContent()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub, DynamicTemplates);
        var model = TemplateModels.Sample(EmailTemplates.CheckInRequest);

        var sent = await harness.Sender.SendAsync(
            new EmailMessage(EmailTemplates.CheckInRequest, SendGridHarness.Priya, [SendGridHarness.Mark], model), "k-1", CancellationToken.None);

        var mail = Assert.Single(_stub.Requests).Json;
        Assert.Equal(TemplateId(EmailTemplates.CheckInRequest), (string?)mail["template_id"]);
        Assert.Null(mail["content"]);
        Assert.Null(mail["subject"]);
        var data = mail["personalizations"]![0]!["dynamic_template_data"];
        Assert.True(JsonNode.DeepEquals(model, data), $"Sent {data?.ToJsonString()}, expected {model.ToJsonString()}");
        Assert.Equal("k-1", (string?)mail["custom_args"]!["idempotency_key"]);
        Assert.Equal("Your 2-minute check-in for weeks 3–4", sent.Subject);
    }

    [Fact]
    public async Task SendAsync_DynamicTemplateData_KeepsNumbersArraysBooleansAndDateLikeStrings()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub, DynamicTemplates);
        var model = TemplateModels.Sample(EmailTemplates.QuarterSummary);
        model["extra"] = new JsonObject
        {
            ["whole"] = 6,
            ["negative"] = -3,
            ["big"] = 9007199254740993L,
            ["fraction"] = JsonNode.Parse("12.50"),
            ["ratio"] = 1.0625m,
            ["flag"] = true,
            ["when"] = "2027-01-04T09:30:00Z",
            ["nested"] = new JsonArray(new JsonArray(1, 2), new JsonArray(), new JsonObject { ["deep"] = new JsonArray("x") }),
        };

        await harness.Sender.SendAsync(
            new EmailMessage(EmailTemplates.QuarterSummary, SendGridHarness.Priya, [], model), "k-1", CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        var data = request.Json["personalizations"]![0]!["dynamic_template_data"]!;
        Assert.True(JsonNode.DeepEquals(model, data), $"Sent {data.ToJsonString()}, expected {model.ToJsonString()}");
        // DeepEquals could forgive a number sent as a string; the raw body cannot.
        Assert.Contains("\"reviewsHeld\":6", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"fraction\":12.50", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"big\":9007199254740993", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"when\":\"2027-01-04T09:30:00Z\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TemplateIdsNamedWithoutDashes_AreFound()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub, options =>
        {
            options.Mode = SendGridMode.DynamicTemplate;
            foreach (string name in EmailTemplates.All)
            {
                // As Linux app settings must spell them: SendGrid__TemplateIds__checkin_request.
                options.TemplateIds[name.Replace('-', '_')] = TemplateId(name);
            }
        });

        await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);

        Assert.Equal(TemplateId(EmailTemplates.CheckInRequest), (string?)Assert.Single(_stub.Requests).Json["template_id"]);
    }

    [Fact]
    public async Task SendAsync_ModelMissingAValue_ThrowsAndPostsNothing()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);
        var model = TemplateModels.Sample(EmailTemplates.CheckInRequest);
        model.Remove("reviewAt");

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Sender.SendAsync(
            new EmailMessage(EmailTemplates.CheckInRequest, SendGridHarness.Priya, [], model), "k-1", CancellationToken.None));

        Assert.Empty(_stub.Requests);
        Assert.Null(await harness.SentLog.GetAsync("k-1", CancellationToken.None));
    }

    private static void DynamicTemplates(SendGridOptions options)
    {
        options.Mode = SendGridMode.DynamicTemplate;
        foreach (string name in EmailTemplates.All)
        {
            options.TemplateIds[name] = TemplateId(name);
        }
    }

    private static string TemplateId(string name) => ("d-" + name.Replace("-", "", StringComparison.Ordinal)).PadRight(34, '0');
}
