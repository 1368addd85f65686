using System.Security.Cryptography;
using System.Text;

namespace SecureCall.Storage.Postgres;

/// <summary>One versioned schema script from <c>deploy/postgres</c> (<c>NNNN-name.sql</c>), embedded in this assembly.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script text: a script once applied must never change, only new ones be added.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>The scripts in version order.</summary>
    public static IReadOnlyList<SchemaScript> All { get; } = Load();

    private static List<SchemaScript> Load()
    {
        var assembly = typeof(SchemaScript).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("schema/", StringComparison.Ordinal)))
        {
            var name = resource["schema/".Length..];
            var dash = name.IndexOf('-');
            if (dash != 4 || !int.TryParse(name.AsSpan(0, 4), out var version))
            {
                throw new InvalidOperationException($"Schema script {name} is not named NNNN-name.sql.");
            }
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!, Encoding.UTF8);
            scripts.Add(new SchemaScript(version, name, reader.ReadToEnd()));
        }
        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema scripts must be numbered 0001, 0002, … without gaps; found {scripts[i].Name}.");
            }
        }
        return scripts;
    }
}
