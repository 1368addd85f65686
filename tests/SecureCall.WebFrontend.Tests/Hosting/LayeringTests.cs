using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SecureCall.WebFrontend.Tests.Hosting;

/// <summary>
/// The frontend talks to the silo through grain interfaces only, as a plain Orleans client would: read from its
/// compiled metadata, so a new shortcut into grain implementations fails here rather than in a cluster.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string FrontendPath = typeof(Program).Assembly.Location;

    [Fact]
    public void WebFrontend_ReferencesNoGrainImplementationStorageOrModelAssembly()
    {
        var referenced = typeof(Program).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("SecureCall.Grains.Interfaces", referenced);
        Assert.DoesNotContain("SecureCall.Grains", referenced);
        Assert.DoesNotContain("SecureCall.Storage.Sqlite", referenced);
        Assert.DoesNotContain("SecureCall.FaceAnalysis", referenced);
    }

    [Fact]
    public void WebFrontend_NeitherIssuesTokensNorWritesTheAuditLogItself()
    {
        var used = TypeReferences();

        Assert.DoesNotContain("SecureCall.Security.Tokens.TokenIssuer", used);
        Assert.DoesNotContain("SecureCall.Security.Audit.IAuditLog", used);
    }

    [Fact]
    public void WebFrontend_NamesTheSiloCompositionOnlyToCoHostTheStandaloneSiloOrJoinACluster()
    {
        var hosting = TypeReferences().Where(name => name.StartsWith("SecureCall.Hosting.", StringComparison.Ordinal)).ToHashSet();

        // SiloBuilderExtensions co-hosts the standalone silo (and gives a cluster frontend the common token services);
        // ClusterClient makes the frontend an Orleans client of a cluster. Nothing else of the silo's composition.
        Assert.Subset(new HashSet<string>
        {
            "SecureCall.Hosting.SiloBuilderExtensions", "SecureCall.Hosting.TemplateKeyRotation", "SecureCall.Hosting.AuditVerifyCommand",
            "SecureCall.Hosting.ClusterClient",
        }, hosting);
    }

    /// <summary>Full names of every type the frontend assembly refers to in other assemblies.</summary>
    private static List<string> TypeReferences()
    {
        using var stream = File.OpenRead(FrontendPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(type => $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}")
            .ToList();
    }
}
