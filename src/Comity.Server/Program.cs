namespace Comity.Server;

/// <summary>Runs the server on its own (<c>dotnet run --project src/Comity.Server</c>); <c>comity serve</c> is the usual door.</summary>
public sealed class ServerProgram
{
    private ServerProgram()
    {
    }

    public static Task<int> Main(string[] args) => ServerApp.RunAsync(args, Console.Out);
}
