using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    internal enum FamilyKind
    {
        Unknown,
        IPv4,
        IPv6,
    }

    /// <summary>How an AddressFamily value reached the place that uses it.</summary>
    internal enum FamilyTravel
    {
        /// <summary>Written in the argument itself (or a constant).</summary>
        Direct,

        /// <summary>Through a local written only with that family.</summary>
        Local,

        /// <summary>A const or readonly field's initializer.</summary>
        Field,

        /// <summary>The default value of a parameter that the method never reassigns.</summary>
        ParameterDefault,

        /// <summary>The initializer of a settable property or field (an options type), or an object initializer.</summary>
        OptionInitializer,
    }

    /// <summary>An AddressFamily value, the expression that wrote it, and how it travelled.</summary>
    internal readonly struct ResolvedFamily
    {
        public ResolvedFamily(FamilyKind kind, SyntaxNode origin, FamilyTravel travel, string display)
        {
            Kind = kind;
            Origin = origin;
            Travel = travel;
            Display = display;
        }

        public FamilyKind Kind { get; }

        /// <summary>Where the family is written (AddressFamily.InterNetwork, a parameter default, an initializer).</summary>
        public SyntaxNode? Origin { get; }

        public FamilyTravel Travel { get; }

        /// <summary>How the message names the value.</summary>
        public string Display { get; }

        /// <summary>The user changes the value where it is declared (a parameter default, an options default), not at the use.</summary>
        public bool IsConfigurable => Travel is FamilyTravel.ParameterDefault or FamilyTravel.OptionInitializer;
    }

    /// <summary>
    /// Which AddressFamily an expression holds: directly, through a local, a const/readonly field, a parameter default
    /// or an options initializer (rules.md DS0010: "InterNetwork reaching these through a parameter default or an
    /// options initializer").
    /// </summary>
    internal static class FamilyResolver
    {
        private const int InterNetwork = 2;
        private const int InterNetworkV6 = 23;
        private const int MaxDepth = 4;

        public static ResolvedFamily Resolve(IOperation? operation, NetSymbols symbols) => Resolve(operation, symbols, 0);

        /// <summary>Classifies a constant AddressFamily value.</summary>
        public static FamilyKind Classify(object? value)
            => value switch
            {
                InterNetwork => FamilyKind.IPv4,
                InterNetworkV6 => FamilyKind.IPv6,
                _ => FamilyKind.Unknown,
            };

        private static ResolvedFamily Resolve(IOperation? operation, NetSymbols symbols, int depth)
        {
            if (operation is null || depth > MaxDepth || !NetSymbols.Is(operation.Type, symbols.AddressFamily))
            {
                return default;
            }

            // (AddressFamily)2 is a constant only before the conversion is skipped.
            if (operation is IConversionOperation && operation.ConstantValue is { HasValue: true, Value: var converted })
            {
                var convertedKind = Classify(converted);
                return convertedKind == FamilyKind.Unknown ? default : new ResolvedFamily(convertedKind, operation.Syntax, FamilyTravel.Direct, Name(convertedKind));
            }

            operation = OperationHelpers.SkipConversions(operation);
            if (operation is null || !NetSymbols.Is(operation.Type, symbols.AddressFamily))
            {
                return default;
            }

            switch (operation)
            {
                case IFieldReferenceOperation { Field: var field } reference when !SymbolEqualityComparer.Default.Equals(field.ContainingType, symbols.AddressFamily):
                    return ResolveMember(field, reference.Syntax, field.IsConst || field.IsReadOnly ? FamilyTravel.Field : FamilyTravel.OptionInitializer, reference, symbols, depth);
                case IPropertyReferenceOperation { Property: var property } reference:
                    return ResolveProperty(property, reference, symbols, depth);
                case ILocalReferenceOperation local:
                    return ResolveLocal(local, symbols, depth);
                case IParameterReferenceOperation parameter:
                    return ResolveParameter(parameter);
            }

            if (operation.ConstantValue is { HasValue: true, Value: var value })
            {
                var kind = Classify(value);
                return kind == FamilyKind.Unknown ? default : new ResolvedFamily(kind, operation.Syntax, FamilyTravel.Direct, Name(kind));
            }

            return default;
        }

        private static string Name(FamilyKind kind) => kind == FamilyKind.IPv4 ? "AddressFamily.InterNetwork" : "AddressFamily.InterNetworkV6";

        private static ResolvedFamily ResolveLocal(ILocalReferenceOperation reference, NetSymbols symbols, int depth)
        {
            var writes = OperationHelpers.LocalWrites(reference);
            if (writes.IsDefaultOrEmpty)
            {
                return default;
            }

            ResolvedFamily first = default;
            foreach (var write in writes)
            {
                var resolved = Resolve(write, symbols, depth + 1);
                if (resolved.Kind == FamilyKind.Unknown || (first.Kind != FamilyKind.Unknown && first.Kind != resolved.Kind))
                {
                    return default;
                }

                if (first.Kind == FamilyKind.Unknown)
                {
                    first = resolved;
                }
            }

            var travel = first.Travel == FamilyTravel.Direct ? FamilyTravel.Local : first.Travel;
            return new ResolvedFamily(first.Kind, first.Origin!, travel, "'" + reference.Local.Name + "' (" + first.Display + ")");
        }

        /// <summary>A parameter's default counts only when the method never assigns the parameter.</summary>
        private static ResolvedFamily ResolveParameter(IParameterReferenceOperation reference)
        {
            var parameter = reference.Parameter;
            if (!parameter.HasExplicitDefaultValue || parameter.RefKind != RefKind.None)
            {
                return default;
            }

            var kind = Classify(parameter.ExplicitDefaultValue);
            if (kind == FamilyKind.Unknown)
            {
                return default;
            }

            foreach (var node in OperationHelpers.Root(reference).Descendants())
            {
                if (node is IAssignmentOperation { Target: IParameterReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Parameter, parameter))
                {
                    return default;
                }
            }

            foreach (var syntaxReference in parameter.DeclaringSyntaxReferences)
            {
                if (syntaxReference.GetSyntax() is ParameterSyntax { Default.Value: { } value })
                {
                    return new ResolvedFamily(kind, value, FamilyTravel.ParameterDefault, "'" + parameter.Name + "' (default " + Name(kind) + ")");
                }
            }

            return default;
        }

        private static ResolvedFamily ResolveProperty(IPropertySymbol property, IPropertyReferenceOperation reference, NetSymbols symbols, int depth)
        {
            // var options = new Options { Family = AddressFamily.InterNetwork }; ... options.Family
            if (OperationHelpers.SkipConversions(reference.Instance) is ILocalReferenceOperation instance)
            {
                var writes = OperationHelpers.LocalWrites(instance);
                if (!writes.IsDefault && writes.Length == 1
                    && OperationHelpers.SkipConversions(writes[0]) is IObjectCreationOperation { Initializer: { } initializer })
                {
                    foreach (var initialization in initializer.Initializers)
                    {
                        if (initialization is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                            && SymbolEqualityComparer.Default.Equals(target.Property, property))
                        {
                            var resolved = Resolve(assignment.Value, symbols, depth + 1);
                            return resolved.Kind == FamilyKind.Unknown
                                ? default
                                : new ResolvedFamily(resolved.Kind, resolved.Origin!, FamilyTravel.OptionInitializer, "'" + reference.Syntax + "' (" + resolved.Display + ")");
                        }
                    }
                }
            }

            return ResolveMember(property, reference.Syntax, FamilyTravel.OptionInitializer, reference, symbols, depth);
        }

        /// <summary>
        /// The declared initializer of a field or auto-property. In the analyzed tree through the semantic model;
        /// in another tree by its text (no semantic model there), which is enough to recognise AddressFamily.X.
        /// </summary>
        private static ResolvedFamily ResolveMember(ISymbol member, SyntaxNode use, FamilyTravel travel, IOperation reference, NetSymbols symbols, int depth)
        {
            foreach (var syntaxReference in member.DeclaringSyntaxReferences)
            {
                var value = syntaxReference.GetSyntax() switch
                {
                    VariableDeclaratorSyntax { Initializer.Value: { } v } => v,
                    PropertyDeclarationSyntax { Initializer.Value: { } v } => v,
                    _ => null,
                };
                if (value is null)
                {
                    continue;
                }

                var model = reference.SemanticModel;
                ResolvedFamily resolved;
                if (model is not null && value.SyntaxTree == model.SyntaxTree && model.GetOperation(value) is { } operation)
                {
                    resolved = Resolve(operation, symbols, depth + 1);
                }
                else
                {
                    var kind = value is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } access && access.Expression.ToString().EndsWith("AddressFamily", System.StringComparison.Ordinal)
                        ? name switch { "InterNetwork" => FamilyKind.IPv4, "InterNetworkV6" => FamilyKind.IPv6, _ => FamilyKind.Unknown }
                        : FamilyKind.Unknown;
                    resolved = kind == FamilyKind.Unknown ? default : new ResolvedFamily(kind, value, FamilyTravel.Direct, Name(kind));
                }

                if (resolved.Kind == FamilyKind.Unknown)
                {
                    return default;
                }

                return new ResolvedFamily(resolved.Kind, resolved.Origin!, travel, "'" + use + "' (" + resolved.Display + ")");
            }

            return default;
        }
    }
}
