namespace ReviewFlow.Bench;

/// <summary>
/// The run did not produce trustworthy figures (an instance failed, returned a wrong output or never finished).
/// Program exits non-zero so scripts cannot mistake a broken run for a slow one.
/// </summary>
internal sealed class BenchFailedException(string message) : Exception(message);
