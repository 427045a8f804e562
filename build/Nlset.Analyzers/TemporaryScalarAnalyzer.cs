using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Nlset.Analyzers;

/// <summary>
/// NL0001: a TorchSharp <c>Scalar</c> made on the fly (an implicit conversion from a number, a cast, or
/// <c>x.ToScalar()</c> passed straight on) is unreachable as soon as TorchSharp has read its native handle, so a
/// garbage collection on another thread during the native call lets the finalizer free the scalar while libtorch still
/// reads it ("Unknown scalar type", "Expected false to be true"; TorchSharp 0.107 has no GC.KeepAlive there). A Scalar
/// held in a local, field or property lives until its last use after the call and is safe.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TemporaryScalarAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "NL0001";

    static readonly DiagnosticDescriptor Rule = new(Id,
        "TorchSharp Scalar made on the fly",
        "'{0}' becomes a TorchSharp Scalar that nothing holds: it can be finalized while libtorch reads it; pass a Scalar held in a local ('using var s = value.ToScalar()') or a static readonly field",
        "Reliability", DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "TorchSharp does not keep Scalar arguments alive across its native calls.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var scalar = start.Compilation.GetTypeByMetadataName("TorchSharp.Scalar");
            if (scalar is null) return;
            start.RegisterOperationAction(c => OnConversion(c, scalar), OperationKind.Conversion);
            start.RegisterOperationAction(c => OnInvocation(c, scalar), OperationKind.Invocation);
            start.RegisterOperationAction(c => OnTorchSharpCall(c, Makers.Value), OperationKind.Binary, OperationKind.CompoundAssignment,
                OperationKind.Invocation, OperationKind.ObjectCreation);
        });
    }

    static void OnConversion(OperationAnalysisContext context, INamedTypeSymbol scalar)
    {
        var conversion = (IConversionOperation)context.Operation;
        if (!SymbolEqualityComparer.Default.Equals(conversion.Type, scalar)) return;
        if (conversion.OperatorMethod is null) return; // an identity or reference conversion of a Scalar we hold
        if (IsHeld(conversion)) return;
        context.ReportDiagnostic(Diagnostic.Create(Rule, conversion.Syntax.GetLocation(), conversion.Operand.Syntax.ToString()));
    }

    static void OnInvocation(OperationAnalysisContext context, INamedTypeSymbol scalar)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!SymbolEqualityComparer.Default.Equals(invocation.Type, scalar)) return;
        if (invocation.TargetMethod.Name != "ToScalar") return;
        if (IsHeld(invocation)) return;
        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), invocation.Syntax.ToString()));
    }

    /// <summary>
    /// TorchSharp methods that make such a Scalar inside, out of our sight: <c>tensor * 2.0</c>
    /// (<c>operator *(Tensor, double) => left.mul(right)</c>), <c>a + b</c> (<c>add(target, 1)</c>), <c>square()</c>,
    /// the optimizers' steps. The list is the IL scan of TorchSharp kept in TorchSharpScalarMakers.txt.
    /// </summary>
    static void OnTorchSharpCall(OperationAnalysisContext context, ImmutableHashSet<string> makers)
    {
        var method = context.Operation switch
        {
            IBinaryOperation binary => binary.OperatorMethod,
            ICompoundAssignmentOperation compound => compound.OperatorMethod,
            IInvocationOperation invocation => invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };
        if (method is null || method.ContainingAssembly?.Name != "TorchSharp") return;
        method = method.OriginalDefinition;
        // An optimizer's step through its base type: every TorchSharp optimizer's step passes Scalars made on the fly.
        if (method.Name == "step" && IsOptimizer(method.ContainingType))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), context.Operation.Syntax.ToString()));
            return;
        }
        // A module whose forward makes them (nn.BatchNorm2d, nn.Softplus): its every call is out of our sight.
        if (method.ReturnType is INamedTypeSymbol module && MakesInForward(module, makers))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), context.Operation.Syntax.ToString()));
            return;
        }
        var type = TypeName(method.ContainingType);
        if (!makers.Contains($"{type}::{method.MetadataName}(*)")
            && !makers.Contains($"{type}::{method.MetadataName}({string.Join(",", method.Parameters.Select(p => ParameterName(p.Type)))})"))
            return;
        context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), context.Operation.Syntax.ToString()));
    }

    static readonly Lazy<ImmutableHashSet<string>> Makers = new(() =>
    {
        using var stream = typeof(TemporaryScalarAnalyzer).Assembly.GetManifestResourceStream("TorchSharpScalarMakers.txt")!;
        using var reader = new System.IO.StreamReader(stream);
        var lines = new List<string>();
        for (var line = reader.ReadLine(); line != null; line = reader.ReadLine())
            if (line.Length > 0 && line[0] != '#') lines.Add(line.Trim());
        return lines.ToImmutableHashSet();
    });

    static bool MakesInForward(INamedTypeSymbol? type, ImmutableHashSet<string> makers)
    {
        for (; type != null && type.ContainingAssembly?.Name == "TorchSharp"; type = type.BaseType)
            if (makers.Contains($"{TypeName(type)}::forward(Tensor)")) return true;
        return false;
    }

    static bool IsOptimizer(INamedTypeSymbol? type)
    {
        for (; type != null; type = type.BaseType)
            if (type.Name is "OptimizerHelper" or "Optimizer" && type.ContainingAssembly?.Name == "TorchSharp") return true;
        return false;
    }

    static string TypeName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? $"{TypeName(outer)}+{type.MetadataName}" : $"{type.ContainingNamespace.ToDisplayString()}.{type.MetadataName}";

    static string ParameterName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => ParameterName(array.ElementType) + (array.Rank == 1 ? "[]" : "[,]"),
        IPointerTypeSymbol pointer => ParameterName(pointer.PointedAtType) + "*",
        ITypeParameterSymbol parameter => (parameter.TypeParameterKind == TypeParameterKind.Method ? "!!" : "!") + parameter.Ordinal,
        INamedTypeSymbol { IsGenericType: true } named => $"{named.MetadataName}<{string.Join(",", named.TypeArguments.Select(ParameterName))}>",
        _ => type.MetadataName,
    };

    /// <summary>True when the new Scalar goes straight into a variable, field or property (someone holds it).</summary>
    static bool IsHeld(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation { OperatorMethod: null } or IParenthesizedOperation) parent = parent.Parent;
        return parent is IVariableInitializerOperation or IFieldInitializerOperation or IPropertyInitializerOperation
            || parent is ISimpleAssignmentOperation assignment && assignment.Value == operation
            || parent is IReturnOperation; // the caller receives it and holds it
    }
}
