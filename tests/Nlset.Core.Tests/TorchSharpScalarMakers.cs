using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Nlset.Core.Tests;

/// <summary>
/// Reads TorchSharp's IL and lists its public methods that make a <c>Scalar</c> nobody holds: those that call
/// <c>Scalar.op_Implicit</c> or <c>ToScalar()</c>, directly or through other TorchSharp methods (an optimizer's step
/// through its lambda). Such a Scalar can be finalized while libtorch reads it (NL0001), so our sources must not call
/// them; the analyzer's list (build/Nlset.Analyzers/TorchSharpScalarMakers.txt) must equal this scan of the TorchSharp
/// we build against, so that a TorchSharp upgrade cannot add a hazard unnoticed.
/// </summary>
public static class TorchSharpScalarMakers
{
    /// <summary>One line per method, "Namespace.Type+Nested::name(ParamType,…)", sorted; "(*)" for every overload.</summary>
    public static IReadOnlyList<string> Scan(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        var callers = new Dictionary<MethodDefinitionHandle, List<MethodDefinitionHandle>>();
        var makers = new HashSet<MethodDefinitionHandle>();
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0) continue;
            var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
            while (il.RemainingBytes > 0)
            {
                int op = il.ReadByte();
                if (op == 0xFE) op = 0xFE00 | il.ReadByte();
                if (op is 0x28 or 0x6F or 0x73 or 0xFE06) // call, callvirt, newobj, ldftn (a lambda handed on)
                {
                    var target = MetadataTokens.EntityHandle(il.ReadInt32());
                    var (type, name) = Describe(md, target);
                    if (type.EndsWith("Scalar") && name == "op_Implicit" || name == "ToScalar") makers.Add(handle);
                    if (target.Kind == HandleKind.MethodDefinition)
                    {
                        var callee = (MethodDefinitionHandle)target;
                        if (!callers.TryGetValue(callee, out var list)) callers[callee] = list = [];
                        list.Add(handle);
                    }
                    continue;
                }
                if (op == 0x45) { il.Offset += 4 * il.ReadInt32(); continue; } // switch
                il.Offset += OperandSize(op);
            }
        }
        var reached = new HashSet<MethodDefinitionHandle>(makers);
        var queue = new Queue<MethodDefinitionHandle>(makers);
        while (queue.Count > 0)
            if (callers.TryGetValue(queue.Dequeue(), out var list))
                foreach (var caller in list)
                    if (reached.Add(caller)) queue.Enqueue(caller);

        var signatures = new SignatureNames();
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handle in reached)
        {
            var method = md.GetMethodDefinition(handle);
            var declaring = md.GetTypeDefinition(method.GetDeclaringType());
            var name = md.GetString(method.Name);
            // A lambda "<step>b__2_0" (or one in a closure class "<>c") stands for the public method that made it.
            if (name.StartsWith('<'))
            {
                var owner = md.GetString(declaring.Name).StartsWith('<') ? md.GetTypeDefinition(declaring.GetDeclaringType()) : declaring;
                var ownerName = TypeName(md, owner);
                if (ownerName.Contains('<')) continue;
                lines.Add($"{ownerName}::{name[1..name.IndexOf('>')]}(*)");
                continue;
            }
            if ((method.Attributes & MethodAttributes.MemberAccessMask) != MethodAttributes.Public) continue;
            var typeName = TypeName(md, declaring);
            if (typeName.Contains('<') || name == "op_Implicit") continue;
            var parameters = method.DecodeSignature(signatures, null).ParameterTypes;
            lines.Add($"{typeName}::{name}({string.Join(",", parameters)})");
        }
        return [.. lines];
    }

    static (string Type, string Name) Describe(MetadataReader md, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.MethodDefinition => (TypeName(md, md.GetTypeDefinition(md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType())),
            md.GetString(md.GetMethodDefinition((MethodDefinitionHandle)handle).Name)),
        HandleKind.MemberReference => (ParentName(md, md.GetMemberReference((MemberReferenceHandle)handle).Parent),
            md.GetString(md.GetMemberReference((MemberReferenceHandle)handle).Name)),
        _ => ("", ""),
    };

    static string ParentName(MetadataReader md, EntityHandle parent) => parent.Kind switch
    {
        HandleKind.TypeDefinition => TypeName(md, md.GetTypeDefinition((TypeDefinitionHandle)parent)),
        HandleKind.TypeReference => md.GetString(md.GetTypeReference((TypeReferenceHandle)parent).Name),
        _ => "",
    };

    static string TypeName(MetadataReader md, TypeDefinition type)
    {
        var name = md.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil ? $"{md.GetString(type.Namespace)}.{name}" : $"{TypeName(md, md.GetTypeDefinition(declaring))}+{name}";
    }

    static int OperandSize(int op) => op switch
    {
        >= 0x2B and <= 0x37 or 0x0E or 0x0F or 0x10 or 0x11 or 0x12 or 0x13 or 0x1F or 0xDE or 0xFE12 or 0xFE19 => 1,
        0xFE09 or 0xFE0A or 0xFE0B or 0xFE0C or 0xFE0D or 0xFE0E => 2,
        0x20 or 0x22 or >= 0x38 and <= 0x44 or 0xDD => 4,
        0x21 or 0x23 => 8,
        0x27 or 0x29 or 0x70 or 0x71 or 0x72 or 0x74 or 0x75 or 0x79 or >= 0x7B and <= 0x81 or 0x8C or 0x8D or 0x8F
            or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xD0 or 0xFE07 or 0xFE15 or 0xFE16 or 0xFE1C or 0xFE1D => 4,
        _ => 0,
    };

    /// <summary>Parameter types as the analyzer names them: metadata name, generic arguments in angle brackets.</summary>
    sealed class SignatureNames : ISignatureTypeProvider<string, object?>
    {
        public string GetArrayType(string element, ArrayShape shape) => element + "[,]";
        public string GetByReferenceType(string element) => element + "&";
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        public string GetGenericInstantiation(string generic, ImmutableArray<string> arguments) => $"{generic}<{string.Join(",", arguments)}>";
        public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? context, int index) => "!" + index;
        public string GetModifiedType(string modifier, string unmodified, bool isRequired) => unmodified;
        public string GetPinnedType(string element) => element;
        public string GetPointerType(string element) => element + "*";
        public string GetPrimitiveType(PrimitiveTypeCode code) => code.ToString();
        public string GetSZArrayType(string element) => element + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte kind) => reader.GetString(reader.GetTypeDefinition(handle).Name);
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte kind) => reader.GetString(reader.GetTypeReference(handle).Name);
        public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte kind) => "?";
    }
}
