using System.CommandLine;

namespace ReviewFlow.Durable.Sample;

/// <summary>Range checks for integer options, so a typo is a usage error naming the option, not a stack trace.</summary>
internal static class OptionRules
{
    public static void RequireRange(Option<int> option, int minimum, int maximum = int.MaxValue)
        => option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < minimum || value > maximum)
            {
                var range = maximum == int.MaxValue ? $"at least {minimum}" : $"between {minimum} and {maximum}";
                result.AddError($"{option.Name} must be {range}.");
            }
        });
}
