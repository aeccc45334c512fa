using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0031: endpoint text is split on ':' (Split, IndexOf, LastIndexOf) and a piece is parsed as a port. IPv6
    /// addresses contain ':', so "::1:80" and "[::1]:80" come apart in the wrong place (ground truth #9, T10). Report only.
    /// </summary>
    public sealed class EndpointTextSplitOnColonAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.EndpointTextSplitOnColon,
            RuleCategories.EndpointText,
            "Endpoint text is split on ':'",
            "{0} splits endpoint text on ':' and parses a piece as a port, which breaks for IPv6 addresses ('::1:80', '[::1]:80'); {1}",
            DiagnosticSeverity.Warning,
            "An IPv6 address contains ':' itself, so splitting 'host:port' on ':' (or taking the text after the first or last ':') reads the wrong piece as the port or throws. Parse endpoints with IPEndPoint.TryParse (.NET Core 3.0+) or, for host names, with Uri (\"tcp://\" + text); either way IPv6 input must be bracketed ([::1]:80).");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var facts = CompilationFacts.TryCreate(start.Compilation, start.Options);
                if (facts is null)
                {
                    return;
                }

                var advice = NetSymbols.HasMethod(facts.Symbols.IPEndPoint, "TryParse", 2, isStatic: true)
                    ? "parse it with IPEndPoint.TryParse (or Uri for host names); the input must be bracketed ([::1]:80)"
                    : "parse it with Uri (Uri.TryCreate(\"tcp://\" + text, UriKind.Absolute, out var uri), then uri.Host and uri.Port); the input must be bracketed ([::1]:80)";
                start.RegisterNamedOperationAction(c => Analyze(c, facts, advice), OperationKind.Invocation, name => name is "Split" or "IndexOf" or "LastIndexOf");
            });
        }

        private static void Analyze(OperationAnalysisContext context, CompilationFacts facts, string advice)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var name = invocation.TargetMethod.Name;
            if (name != "Split" && name != "IndexOf" && name != "LastIndexOf")
            {
                return;
            }

            if (!SeparatesOnColon(invocation, facts.Symbols))
            {
                return;
            }

            var cancellationToken = context.CancellationToken;
            var parse = name == "Split" ? PortParseOfSplit(invocation, cancellationToken) : PortParseOfIndex(invocation, cancellationToken);
            if (parse is null || HandlesBracketFirst(invocation, parse, cancellationToken) || FamilyGuards.IsGuarded(invocation.Syntax))
            {
                return;
            }

            var display = name + "(':')";
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), ImmutableArray.Create(parse.Syntax.GetLocation()), display, advice));
        }

        /// <summary>string.Split with ':' among its separators; string/span IndexOf/LastIndexOf of ':' or ":".</summary>
        private static bool SeparatesOnColon(IInvocationOperation invocation, NetSymbols symbols)
        {
            var method = invocation.TargetMethod;
            var onString = !method.IsStatic && method.ContainingType.SpecialType == SpecialType.System_String;
            var onSpan = method.IsStatic && method.IsExtensionMethod && NetSymbols.Is(method.ContainingType, symbols.Peers.MemoryExtensions);
            if (!onString && !(onSpan && method.Name != "Split"))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (onSpan && argument.Parameter?.Ordinal == 0)
                {
                    continue; // the span itself
                }

                if (IsColon(argument.Value))
                {
                    return true;
                }

                if (method.Name != "Split")
                {
                    return false; // IndexOf's first value is the one searched for
                }
            }

            return false;
        }

        private static bool IsColon(IOperation value)
        {
            value = OperationHelpers.SkipConversions(value)!;
            switch (value)
            {
                case { ConstantValue: { HasValue: true, Value: char c } }:
                    return c == ':';
                case { ConstantValue: { HasValue: true, Value: string s } }:
                    return s == ":";
                case IArrayCreationOperation { Initializer: { } initializer }:
                    foreach (var element in initializer.ElementValues)
                    {
                        if (IsColon(element))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    // Split(params ReadOnlySpan<char>) on .NET 9+: the separators are a params collection (an operation
                    // kind newer than the Roslyn we compile against), its elements are its children.
                    if (value.IsImplicit && value.Type is INamedTypeSymbol { Name: "ReadOnlySpan" })
                    {
                        foreach (var element in value.ChildOperations)
                        {
                            if (IsColon(element))
                            {
                                return true;
                            }
                        }
                    }

                    return false;
            }
        }

        /// <summary>A piece of <c>text.Split(':')</c> (other than the first) that is parsed as a port.</summary>
        private static IOperation? PortParseOfSplit(IInvocationOperation split, CancellationToken cancellationToken)
        {
            foreach (var use in Uses(split, cancellationToken))
            {
                // parts[1], parts[^1], parts[parts.Length - 1] (also Last()/ElementAt(1) through Enumerable).
                IOperation? piece = null;
                var outer = use;
                while (outer.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    outer = outer.Parent;
                }

                if (outer.Parent is IArrayElementReferenceOperation element && element.ArrayReference == outer)
                {
                    if (element.Indices.Length == 1 && !(element.Indices[0].ConstantValue is { HasValue: true, Value: 0 }))
                    {
                        piece = element;
                    }
                }
                else if (outer.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Last" or "LastOrDefault" or "ElementAt" or "ElementAtOrDefault" } pick })
                {
                    piece = pick;
                }

                if (piece is not null && PortParse(piece, cancellationToken) is { } parse)
                {
                    return parse;
                }
            }

            return null;
        }

        /// <summary>Text after an IndexOf/LastIndexOf(':') (Substring, AsSpan, Slice, a range) that is parsed as a port.</summary>
        private static IOperation? PortParseOfIndex(IInvocationOperation indexOf, CancellationToken cancellationToken)
        {
            foreach (var use in Uses(indexOf, cancellationToken))
            {
                for (var current = use.Parent; current is not null && !(current is IBlockOperation) && !(current.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax); current = current.Parent)
                {
                    var isPiece = current is IInvocationOperation { TargetMethod.Name: "Substring" or "AsSpan" or "Slice" or "Remove" }
                        || current.Syntax.IsKind(SyntaxKind.ElementAccessExpression);
                    if (isPiece)
                    {
                        if (PortParse(current, cancellationToken) is { } parse)
                        {
                            return parse;
                        }

                        break;
                    }
                }
            }

            return null;
        }

        /// <summary>The value itself, and the references of the local it is stored in (same body).</summary>
        private static IEnumerable<IOperation> Uses(IOperation value, CancellationToken cancellationToken)
        {
            yield return value;
            if (StoredInLocal(value) is { } local)
            {
                foreach (var node in OperationHelpers.Root(value).Descendants())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (node is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && !reference.IsDeclaration)
                    {
                        yield return reference;
                    }
                }
            }
        }

        private static ILocalSymbol? StoredInLocal(IOperation value)
        {
            var current = value;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current => target.Local,
                _ => null,
            };
        }

        /// <summary>
        /// The call that parses <paramref name="piece"/> as a port: int/ushort/… Parse or TryParse, Convert.ToInt32/…,
        /// directly or through a local; "as a port" = a UInt16 parse, or a result, out variable, parameter or piece named *port*.
        /// </summary>
        private static IOperation? PortParse(IOperation piece, CancellationToken cancellationToken)
        {
            foreach (var use in Uses(piece, cancellationToken))
            {
                var pieceNamedPort = use is ILocalReferenceOperation reference && IsPortName(reference.Local.Name);
                for (var current = use.Parent; current is not null; current = current.Parent)
                {
                    if (current is IInvocationOperation parse && IsNumberParse(parse.TargetMethod, out var isUInt16))
                    {
                        if (isUInt16 || pieceNamedPort || ResultIsPort(parse))
                        {
                            return parse;
                        }

                        break;
                    }

                    // Stop at the statement; pieces travel through locals (Uses), not through unrelated expressions.
                    if (current is IBlockOperation || current.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax || current is IVariableDeclaratorOperation)
                    {
                        break;
                    }
                }
            }

            return null;
        }

        private static bool IsNumberParse(IMethodSymbol method, out bool isUInt16)
        {
            isUInt16 = false;
            if (!method.IsStatic)
            {
                return false;
            }

            var type = method.ContainingType;
            if (method.Name is "Parse" or "TryParse")
            {
                switch (type.SpecialType)
                {
                    case SpecialType.System_UInt16:
                        isUInt16 = true;
                        return true;
                    case SpecialType.System_Int16:
                    case SpecialType.System_Int32:
                    case SpecialType.System_UInt32:
                    case SpecialType.System_Int64:
                    case SpecialType.System_UInt64:
                        return true;
                    default:
                        return false;
                }
            }

            if (type.Name == "Convert" && type.ContainingNamespace?.ToDisplayString() == "System")
            {
                switch (method.Name)
                {
                    case "ToUInt16":
                        isUInt16 = true;
                        return true;
                    case "ToInt16":
                    case "ToInt32":
                    case "ToUInt32":
                    case "ToInt64":
                        return true;
                }
            }

            return false;
        }

        /// <summary>The parsed number is a port: stored into, written to (out) or passed as something named *port*.</summary>
        private static bool ResultIsPort(IInvocationOperation parse)
        {
            foreach (var argument in parse.Arguments)
            {
                if (argument.Parameter?.RefKind == RefKind.Out && OperationHelpers.ReferencedSymbol(argument.Value) is { } outTarget && IsPortName(outTarget.Name))
                {
                    return true;
                }

                if (argument.Parameter?.RefKind == RefKind.Out && OperationHelpers.SkipConversions(argument.Value) is IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } && IsPortName(declared.Local.Name))
                {
                    return true;
                }
            }

            IOperation current = parse;
            while (current.Parent is IConversionOperation or IParenthesizedOperation or IBinaryOperation or IConditionalOperation or ICoalesceOperation)
            {
                current = current.Parent;
            }

            // (host, port) tuples: the element's name, from the tuple or from the type it converts to.
            if (current.Parent is ITupleOperation tuple)
            {
                var index = tuple.Elements.IndexOf(current);
                IOperation tupleUse = tuple;
                while (tupleUse.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    tupleUse = tupleUse.Parent;
                }

                return index >= 0 && (TupleElementIsPort(tuple.Type, index) || TupleElementIsPort(tupleUse.Type, index));
            }

            switch (current.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return IsPortName(declarator.Symbol.Name);
                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return OperationHelpers.ReferencedSymbol(assignment.Target) is { } target && IsPortName(target.Name);
                case IArgumentOperation { Parameter: { } parameter }:
                    return IsPortName(parameter.Name);
                case IMemberInitializerOperation:
                    return false;
                case IReturnOperation:
                    // int PortOf(string endpoint) { …; return int.Parse(parts[1]); }: the member returns a port.
                    return parse.SemanticModel?.GetEnclosingSymbol(parse.Syntax.SpanStart) is { } member && IsPortName(member.Name);
                default:
                    return current.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } && IsPortName(property.Property.Name);
            }
        }

        private static bool TupleElementIsPort(ITypeSymbol? type, int index)
            => type is INamedTypeSymbol { IsTupleType: true } tupleType && index < tupleType.TupleElements.Length
               && !tupleType.TupleElements[index].IsImplicitlyDeclared && IsPortName(tupleType.TupleElements[index].Name);

        private static bool IsPortName(string name) => name.IndexOf("port", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>rules.md: code that handles '[' first is silent — a '[' or ']' literal in the body before the parse.</summary>
        private static bool HandlesBracketFirst(IOperation split, IOperation parse, CancellationToken cancellationToken)
        {
            var body = OperationHelpers.Root(split).Syntax;
            var end = parse.Syntax.Span.End;
            foreach (var token in body.DescendantTokens())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (token.SpanStart >= end)
                {
                    break;
                }

                if ((token.IsKind(SyntaxKind.CharacterLiteralToken) || token.IsKind(SyntaxKind.StringLiteralToken))
                    && (token.ValueText.IndexOf('[') >= 0 || token.ValueText.IndexOf(']') >= 0)
                    && token.Parent?.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>() is null)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
