using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Flagkeeper.Architecture.Tests;

/// <summary>
/// Which Flagkeeper namespace uses which: from each type's base type and interfaces, its fields', methods' and
/// locals' types, and every type, method and field its method bodies name (the IL's tokens). Nested and
/// compiler-generated types (lambdas, iterators, async state machines) count for the namespace they sit in.
/// </summary>
internal static class NamespaceGraph
{
    private const string Product = "Flagkeeper";

    /// <summary>Each edge "A uses B" with one type of A that does, for the failure message.</summary>
    public static SortedDictionary<(string From, string To), string> Edges(IEnumerable<AssemblyMetadata> assemblies)
    {
        var edges = new SortedDictionary<(string From, string To), string>();
        foreach (var assembly in assemblies)
        {
            var reader = assembly.Reader;
            var names = new Names(reader);
            foreach (var handle in reader.TypeDefinitions)
            {
                var from = names.Of(handle);
                if (!from.StartsWith(Product, StringComparison.Ordinal))
                {
                    continue; // <Module>, <PrivateImplementationDetails>, compiler-injected attributes
                }
                var type = reader.GetTypeDefinition(handle);
                foreach (var to in Used(assembly, names, type))
                {
                    if (to != from && to.StartsWith(Product, StringComparison.Ordinal))
                    {
                        edges.TryAdd((from, to), reader.GetString(type.Name));
                    }
                }
            }
        }
        return edges;
    }

    private static HashSet<string> Used(AssemblyMetadata assembly, Names names, TypeDefinition type)
    {
        var reader = assembly.Reader;
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (!type.BaseType.IsNil)
        {
            used.UnionWith(names.Of(type.BaseType));
        }
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            used.UnionWith(names.Of(reader.GetInterfaceImplementation(implementation).Interface));
        }
        foreach (var field in type.GetFields())
        {
            used.UnionWith(reader.GetFieldDefinition(field).DecodeSignature(names, null));
        }
        foreach (var handle in type.GetMethods())
        {
            var method = reader.GetMethodDefinition(handle);
            var signature = method.DecodeSignature(names, null);
            used.UnionWith(signature.ReturnType);
            used.UnionWith(signature.ParameterTypes.SelectMany(p => p));
            if (method.RelativeVirtualAddress != 0)
            {
                UsedInBody(assembly.Body(method), reader, names, used);
            }
        }
        return used;
    }

    private static void UsedInBody(MethodBodyBlock body, MetadataReader reader, Names names, HashSet<string> used)
    {
        if (!body.LocalSignature.IsNil)
        {
            used.UnionWith(reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null).SelectMany(l => l));
        }
        foreach (var region in body.ExceptionRegions.Where(r => !r.CatchType.IsNil))
        {
            used.UnionWith(names.Of(region.CatchType));
        }
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var first = il.ReadByte();
            var opCode = first == 0xFE ? OpCodeTable.TwoByte[il.ReadByte()] : OpCodeTable.OneByte[first];
            switch (opCode.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    used.UnionWith(names.Of(MetadataTokens.EntityHandle(il.ReadInt32())));
                    break;
                case OperandType.InlineSwitch:
                    il.Offset += 4 * il.ReadInt32();
                    break;
                default:
                    il.Offset += OpCodeTable.OperandSize(opCode.OperandType);
                    break;
            }
        }
    }

    /// <summary>
    /// The namespaces a type, member or signature names. Implemented as a signature decoder so generic
    /// arguments, arrays and by-refs count too (a <c>List&lt;FlagDefinition&gt;</c> uses Flagkeeper.Registry).
    /// </summary>
    private sealed class Names(MetadataReader reader) : ISignatureTypeProvider<ImmutableArray<string>, object?>
    {
        public string Of(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            return type.GetDeclaringType() is { IsNil: false } outer ? Of(outer) : reader.GetString(type.Namespace);
        }

        private string Of(TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? Of((TypeReferenceHandle)type.ResolutionScope)
                : reader.GetString(type.Namespace);
        }

        public ImmutableArray<string> Of(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return [Of((TypeDefinitionHandle)handle)];
                case HandleKind.TypeReference:
                    return [Of((TypeReferenceHandle)handle)];
                case HandleKind.TypeSpecification:
                    return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                case HandleKind.MethodDefinition:
                    return [Of(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType())];
                case HandleKind.FieldDefinition:
                    return [Of(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType())];
                case HandleKind.MethodSpecification:
                    var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    return [.. Of(specification.Method), .. specification.DecodeSignature(this, null).SelectMany(t => t)];
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    var parent = member.Parent.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification
                        ? Of(member.Parent)
                        : [];
                    if (member.GetKind() == MemberReferenceKind.Field)
                    {
                        return [.. parent, .. member.DecodeFieldSignature(this, null)];
                    }
                    var signature = member.DecodeMethodSignature(this, null);
                    return [.. parent, .. signature.ReturnType, .. signature.ParameterTypes.SelectMany(p => p)];
                default:
                    return [];
            }
        }

        public ImmutableArray<string> GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind) => [Of(handle)];
        public ImmutableArray<string> GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind) => [Of(handle)];
        public ImmutableArray<string> GetTypeFromSpecification(MetadataReader metadata, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            metadata.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        public ImmutableArray<string> GetGenericInstantiation(ImmutableArray<string> genericType, ImmutableArray<ImmutableArray<string>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(t => t)];
        public ImmutableArray<string> GetFunctionPointerType(MethodSignature<ImmutableArray<string>> signature) =>
            [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(p => p)];
        public ImmutableArray<string> GetModifiedType(ImmutableArray<string> modifier, ImmutableArray<string> unmodifiedType, bool isRequired) => unmodifiedType;
        public ImmutableArray<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];
        public ImmutableArray<string> GetGenericMethodParameter(object? genericContext, int index) => [];
        public ImmutableArray<string> GetGenericTypeParameter(object? genericContext, int index) => [];
        public ImmutableArray<string> GetSZArrayType(ImmutableArray<string> elementType) => elementType;
        public ImmutableArray<string> GetArrayType(ImmutableArray<string> elementType, ArrayShape shape) => elementType;
        public ImmutableArray<string> GetByReferenceType(ImmutableArray<string> elementType) => elementType;
        public ImmutableArray<string> GetPointerType(ImmutableArray<string> elementType) => elementType;
        public ImmutableArray<string> GetPinnedType(ImmutableArray<string> elementType) => elementType;
    }

    /// <summary>The IL opcodes by their encoding, taken from <see cref="OpCodes"/> so no table is typed by hand.</summary>
    private static class OpCodeTable
    {
        public static readonly OpCode[] OneByte = new OpCode[256];
        public static readonly OpCode[] TwoByte = new OpCode[256];

#pragma warning disable CA1810 // a static constructor fills both tables in one pass
        static OpCodeTable()
#pragma warning restore CA1810
        {
            foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var opCode = (OpCode)field.GetValue(null)!;
                (opCode.Size == 1 ? OneByte : TwoByte)[opCode.Value & 0xFF] = opCode;
            }
        }

        public static int OperandSize(OperandType operand) => operand switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            _ => 4, // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
        };
    }
}
