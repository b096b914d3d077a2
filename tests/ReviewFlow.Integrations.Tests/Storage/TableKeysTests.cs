using ReviewFlow.Integrations.Storage;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Storage;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("a/b\\c#d?e\u0001f\u007f")]
    [InlineData("instance:1:task/7")]
    public void Sanitise_ForbiddenCharacters_AreAllReplaced(string value)
    {
        string key = TableKeys.Sanitise(value);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Fact]
    public void Sanitise_EscapedAndLiteralForms_StayDistinct()
    {
        Assert.NotEqual(TableKeys.Sanitise("a/b"), TableKeys.Sanitise("a%2Fb"));
    }

    [Fact]
    public void Sanitise_OverlongValue_IsShortenedButUnique()
    {
        string a = new string('x', 2000) + "a";
        string b = new string('x', 2000) + "b";

        Assert.True(TableKeys.Sanitise(a).Length <= 400);
        Assert.NotEqual(TableKeys.Sanitise(a), TableKeys.Sanitise(b));
    }
}
