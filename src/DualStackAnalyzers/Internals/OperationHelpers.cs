using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    internal static class OperationHelpers
    {
        public static IOperation? SkipConversions(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion when conversion.OperatorMethod is null:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>The constant string <paramref name="operation"/> has, or null (see <see cref="ConstantStringOrChar"/>).</summary>
        public static string? ConstantString(IOperation? operation) => ConstantStringOrChar(operation) as string;

        /// <summary>
        /// The constant string or char <paramref name="operation"/> has, or null. For hot paths (every literal, the
        /// arguments of most calls): a literal's value is read from its token, and only the syntax forms that can be a
        /// constant ask the operation, since asking costs more than most tests made on the text.
        /// </summary>
        public static object? ConstantStringOrChar(IOperation? operation)
        {
            // The text of an interpolated string's text part is an implicit literal.
            if (operation is { IsImplicit: true, Parent: IInterpolatedStringTextOperation part } && part.Text == operation)
            {
                return InterpolatedText(part);
            }

            switch (operation is null || operation.IsImplicit ? null : operation.Syntax)
            {
                case LiteralExpressionSyntax literal:
                    return literal.Kind() switch
                    {
                        SyntaxKind.StringLiteralExpression => literal.Token.ValueText,
                        SyntaxKind.CharacterLiteralExpression => literal.Token.Value,
                        _ => null,
                    };
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }:
                case null or IdentifierNameSyntax or MemberAccessExpressionSyntax or BinaryExpressionSyntax or InterpolatedStringExpressionSyntax
                    or ParenthesizedExpressionSyntax or CastExpressionSyntax or ConditionalExpressionSyntax or CheckedExpressionSyntax:
                    // A number or an enum member is never text; asking for its constant would box it.
                    return operation?.Type is { SpecialType: not (SpecialType.System_String or SpecialType.System_Char or SpecialType.System_Object) }
                        ? null
                        : operation?.ConstantValue is { HasValue: true, Value: string or char } constant ? constant.Value : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The text of an interpolated string's text part. Read from its token in a regular or verbatim string: asking
        /// for the constant materializes the compiler's string (and a weak reference to it) on most calls. The token
        /// keeps escaped braces doubled, and a raw string's token the indentation its value drops: there the constant
        /// is asked.
        /// </summary>
        public static string? InterpolatedText(IInterpolatedStringTextOperation part)
        {
            if (part.Syntax is InterpolatedStringTextSyntax { Parent: InterpolatedStringExpressionSyntax { StringStartToken: var start } } syntax
                && (start.IsKind(SyntaxKind.InterpolatedStringStartToken) || start.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken))
                && syntax.TextToken.ValueText is var text
                && text.IndexOf('{') < 0 && text.IndexOf('}') < 0)
            {
                return text;
            }

            return part.Text.ConstantValue.Value as string;
        }

        /// <summary>The outermost operation of the body that contains <paramref name="operation"/> (lambdas included).</summary>
        public static IOperation Root(IOperation operation)
        {
            while (operation.Parent is not null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>
        /// Every value written to the local that <paramref name="reference"/> reads, within its body; default when the
        /// local is also written in a way that cannot be followed (out/ref arguments, compound assignments, deconstruction).
        /// </summary>
        public static ImmutableArray<IOperation> LocalWrites(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            if (local.IsRef)
            {
                return default;
            }

            var values = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var node in Root(reference).Descendants())
            {
                switch (node)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var initializer = declarator.GetVariableInitializer();
                        if (initializer is not null)
                        {
                            values.Add(initializer.Value);
                        }

                        break;
                    case ISimpleAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target
                        && SymbolEqualityComparer.Default.Equals(target.Local, local):
                        values.Add(assignment.Value);
                        break;
                    case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local) && IsOtherWrite(other):
                        return default;
                }
            }

            return values.ToImmutable();
        }

        private static bool IsOtherWrite(ILocalReferenceOperation reference)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref,
                ICompoundAssignmentOperation compound => compound.Target == reference,
                IDeconstructionAssignmentOperation => true,
                ITupleOperation { Parent: IDeconstructionAssignmentOperation } => true,
                IDeclarationExpressionOperation => true,
                _ => false,
            };
        }

        /// <summary>The symbol a receiver names when it is a local, field, parameter or property; else null.</summary>
        public static ISymbol? ReferencedSymbol(IOperation? operation)
        {
            operation = SkipConversions(operation);
            return operation switch
            {
                ILocalReferenceOperation l => l.Local,
                IFieldReferenceOperation f => f.Field,
                IParameterReferenceOperation p => p.Parameter,
                IPropertyReferenceOperation p => p.Property,
                _ => null,
            };
        }

        public static IEnumerable<IOperation> Ancestors(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                yield return current;
            }
        }
    }
}
