using System.CommandLine;

namespace ReviewFlow.Durable.Sample;

/// <summary><c>demo</c>: placeholder for the guided sample the lead engineer is adding.</summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("demo", "Runs the guided engine demo (coming).");
        command.SetAction(_ => Console.WriteLine("demo: coming"));
        return command;
    }
}
