namespace ReviewFlow.Durable.Sample.CrashTest;

/// <summary>
/// The values the crash-test workflow computes. Each step's result feeds the next, so an instance only
/// reaches the expected checksum if every result arrived, in order, for the right step. The test computes
/// the same numbers independently of the engine to check the outputs and the recorded side effects.
/// </summary>
public static class CrashTestMath
{
    /// <summary>Activities called one after the other.</summary>
    public const int SequentialSteps = 5;

    /// <summary>Activities called in parallel after the timer.</summary>
    public const int FanOutSteps = 3;

    /// <summary>Activities (and so side effects) per instance.</summary>
    public const int ActivitiesPerInstance = SequentialSteps + FanOutSteps;

    /// <summary>What step <paramref name="step"/> returns for <paramref name="value"/> (a SplitMix64 round).</summary>
    public static long Step(int step, long value)
    {
        unchecked
        {
            var z = (ulong)value + ((ulong)(step + 1) * 0x9E3779B97F4A7C15UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (long)(z ^ (z >> 31));
        }
    }

    /// <summary>The orchestration output: the sequential chain's last value combined with the fan-out results.</summary>
    public static long Combine(long chained, IReadOnlyList<long> fanOut)
    {
        ArgumentNullException.ThrowIfNull(fanOut);
        unchecked
        {
            // Order-sensitive on purpose: results delivered to the wrong fan-out branch change the checksum.
            var checksum = chained;
            for (var i = 0; i < fanOut.Count; i++)
            {
                checksum = (checksum * 31) + fanOut[i];
            }

            return checksum;
        }
    }

    /// <summary>Every step's expected result for an instance started with <paramref name="seed"/>, indexed by step.</summary>
    public static long[] ExpectedStepResults(long seed)
    {
        var results = new long[ActivitiesPerInstance];
        var value = seed;
        for (var step = 0; step < SequentialSteps; step++)
        {
            value = Step(step, value);
            results[step] = value;
        }

        for (var branch = 0; branch < FanOutSteps; branch++)
        {
            results[SequentialSteps + branch] = Step(SequentialSteps + branch, value);
        }

        return results;
    }

    /// <summary>The expected output of an instance started with <paramref name="seed"/>.</summary>
    public static long ExpectedChecksum(long seed)
    {
        var results = ExpectedStepResults(seed);
        return Combine(results[SequentialSteps - 1], results[SequentialSteps..]);
    }
}
