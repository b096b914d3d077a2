using ReviewFlow.Domain.Coaching;
using ReviewFlow.Domain.Reviews;
using Xunit;

namespace ReviewFlow.Domain.Tests.Coaching;

public sealed class CoachingPlanTests
{
    private static readonly DateTime Opened = new(2027, 2, 15, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>Phrases that turn a question into an order or a judgement (METHOD.md rule 8).</summary>
    private static readonly string[] Demanding = ["must", "should", "you need to", "why didn't", "why haven't", "failed", "fail to", "explain yourself", "underperform"];

    public static TheoryData<string> AllQuestions
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var question in CoachingPlan.ReflectionQuestions.Concat(CoachingPlan.ManagerPrompts.Values.SelectMany(q => q)))
            {
                data.Add(question);
            }

            return data;
        }
    }

    public static TheoryData<DiagnosisCategory> Categories => [.. Enum.GetValues<DiagnosisCategory>()];

    [Fact]
    public void Open_NewPlan_IsOpenAndNotDiagnosed()
    {
        var plan = CoachingPlan.Open(Opened, "3 of the last 4 reviews were below plan");

        Assert.True(plan.IsOpen);
        Assert.Equal(new CoachingPlan(Opened, "3 of the last 4 reviews were below plan", null, plan.Actions, plan.FollowUps, null), plan);
        Assert.Empty(plan.Actions);
        Assert.Empty(plan.FollowUps);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Open_BlankReason_Throws(string reason) =>
        Assert.Throws<ArgumentException>(() => CoachingPlan.Open(Opened, reason));

    /// <summary>Each row: how many actions, how long each is, which one (if any) is blank, and a fragment of the error (null: accepted).</summary>
    [Theory]
    [InlineData(1, 20, -1, null)]
    [InlineData(5, 20, -1, null)]
    [InlineData(2, 300, -1, null)] // at the length limit
    [InlineData(0, 20, -1, "between 1 and 5")]
    [InlineData(6, 20, -1, "between 1 and 5")]
    [InlineData(2, 301, -1, "actions[0]")]
    [InlineData(3, 20, 2, "actions[2]")]
    public void Diagnose_Actions_AcceptedWithinLimits(int count, int length, int blank, string? error)
    {
        var actions = Enumerable.Range(0, count).Select(i => i == blank ? "   " : new string('a', length)).ToList();
        var plan = CoachingPlan.Open(Opened, "gap");

        if (error is null)
        {
            var diagnosed = plan.Diagnose(DiagnosisCategory.Skill, actions);
            Assert.Equal(DiagnosisCategory.Skill, diagnosed.Diagnosis);
            Assert.Equal(actions, diagnosed.Actions);
            Assert.Null(plan.Diagnosis); // the original is unchanged
        }
        else
        {
            var thrown = Assert.Throws<ArgumentException>(() => plan.Diagnose(DiagnosisCategory.Skill, actions));
            Assert.Contains(error, thrown.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FollowUp_ReviewsWhileOpen_AreKeptInOrder()
    {
        var plan = CoachingPlan.Open(Opened, "gap")
            .Diagnose(DiagnosisCategory.External, ["Hand two accounts to key accounts"])
            .FollowUp(Opened.AddDays(14), ReviewStatus.OnTrack)
            .FollowUp(Opened.AddDays(28), ReviewStatus.Above);

        Assert.Equal([new CoachingFollowUp(Opened.AddDays(14), ReviewStatus.OnTrack), new CoachingFollowUp(Opened.AddDays(28), ReviewStatus.Above)], plan.FollowUps);
        Assert.True(plan.IsOpen);
    }

    [Theory]
    [InlineData("close")]
    [InlineData("followUp")]
    [InlineData("diagnose")]
    public void Closed_FurtherChange_Throws(string operation)
    {
        var closed = CoachingPlan.Open(Opened, "gap").Close(Opened.AddDays(28));

        Assert.False(closed.IsOpen);
        Assert.Equal(Opened.AddDays(28), closed.ClosedAt);
        Assert.Throws<InvalidOperationException>(operation switch
        {
            "close" => () => closed.Close(Opened.AddDays(42)),
            "followUp" => () => closed.FollowUp(Opened.AddDays(42), ReviewStatus.OnTrack),
            _ => () => closed.Diagnose(DiagnosisCategory.Skill, ["Practise discovery calls"]),
        });
    }

    [Fact]
    public void ReflectionQuestions_Count_FourOrFive()
    {
        Assert.InRange(CoachingPlan.ReflectionQuestions.Count, 4, 5);
        Assert.Equal(CoachingPlan.ReflectionQuestions.Count, CoachingPlan.ReflectionQuestions.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Categories))]
    public void ManagerPrompts_EachCategory_ThreeDistinctQuestions(DiagnosisCategory category)
    {
        var prompts = CoachingPlan.ManagerPrompts[category];

        Assert.Equal(3, prompts.Count);
        Assert.Equal(3, prompts.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(AllQuestions))]
    public void Questions_Each_IsAnOpenQuestionNotAnOrder(string question)
    {
        Assert.EndsWith("?", question, StringComparison.Ordinal);
        Assert.Equal(1, question.Count(c => c == '?'));
        Assert.DoesNotContain(Demanding, phrase => question.Contains(phrase, StringComparison.OrdinalIgnoreCase));

        // Open questions start with what/how/which...; "Did you" or "Are you" invite a yes or a no.
        var firstWord = question.Split(' ', ',')[0];
        Assert.Contains(firstWord, new[] { "What", "How", "Which", "Looking", "Thinking", "If", "Where", "When", "Who" });
    }
}
