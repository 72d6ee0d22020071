using System.Collections.Frozen;

namespace Comity.Server.Hosting;

/// <summary>The web app's stylesheet and script, embedded in the assembly so that the server needs no files beside it.</summary>
internal static class Assets
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type)> Files = Load();

    public static IResult Serve(string file, HttpContext context)
    {
        if (!Files.TryGetValue(file, out var asset))
            return TypedResults.NotFound();
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Bytes(asset.Bytes, asset.Type);
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        const string prefix = "Comity.Server.Assets.";
        var assembly = typeof(Assets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var file = name[prefix.Length..];
            files[file] = (copy.ToArray(), file.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        }
        return files.ToFrozenDictionary();
    }
}
