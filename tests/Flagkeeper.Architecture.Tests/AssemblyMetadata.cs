using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Flagkeeper.Architecture.Tests;

/// <summary>One built Flagkeeper assembly, read as metadata (never loaded, so nothing of it runs).</summary>
internal sealed class AssemblyMetadata : IDisposable
{
    private readonly PEReader _pe;

    private AssemblyMetadata(string name, PEReader pe)
    {
        Name = name;
        _pe = pe;
        Reader = pe.GetMetadataReader();
    }

    /// <summary>Every assembly of the product, runtime first.</summary>
    public static readonly string[] ProductAssemblies =
    [
        "Flagkeeper", "Flagkeeper.Editing", "Flagkeeper.Analysis", "Flagkeeper.Cli", "Flagkeeper.Extensions",
        "Flagkeeper.FeatureManagement", "Flagkeeper.AspNetCore", "Flagkeeper.Redis",
    ];

    public string Name { get; }

    public MetadataReader Reader { get; }

    /// <summary>The assembly <paramref name="name"/> as built next to this test (the CLI reference copies them all).</summary>
    public static AssemblyMetadata Open(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        Assert.True(File.Exists(path), $"{path} is missing: is {name} still referenced (through Flagkeeper.Cli)?");
        return new AssemblyMetadata(name, new PEReader(File.OpenRead(path)));
    }

    /// <summary>The names of the assemblies this one references.</summary>
    public IReadOnlyList<string> References =>
        [.. Reader.AssemblyReferences.Select(h => Reader.GetString(Reader.GetAssemblyReference(h).Name))];

    public MethodBodyBlock Body(MethodDefinition method) => _pe.GetMethodBody(method.RelativeVirtualAddress);

    public void Dispose() => _pe.Dispose();
}
