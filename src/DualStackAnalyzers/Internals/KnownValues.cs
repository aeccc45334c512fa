using System;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// The text a value is known to have where it is read: a constant; a nested interpolation of such values; a local
    /// or parameter whose only write in the method is a constant in an unconditional statement before the read.
    /// </summary>
    internal static class KnownValues
    {
        private const int MaxDepth = 3;

        public static string? TryGetText(IOperation? operation) => TryGetText(operation, 0);

        private static string? TryGetText(IOperation? operation, int depth)
        {
            operation = OperationHelpers.SkipConversions(operation);
            if (operation is null || depth > MaxDepth)
            {
                return null;
            }

            if (operation.ConstantValue is { HasValue: true } constant)
            {
                return constant.Value switch
                {
                    string text => text,
                    char c => c.ToString(),
                    int or long or short or byte or sbyte or ushort or uint or ulong => Convert.ToString(constant.Value, CultureInfo.InvariantCulture),
                    _ => null,
                };
            }

            switch (operation)
            {
                case IInterpolatedStringOperation interpolation:
                    var builder = new StringBuilder();
                    foreach (var part in interpolation.Parts)
                    {
                        var piece = part switch
                        {
                            IInterpolatedStringTextOperation text => OperationHelpers.InterpolatedText(text),
                            IInterpolationOperation { Alignment: null, FormatString: null } hole => TryGetText(hole.Expression, depth + 1),
                            _ => null,
                        };
                        if (piece is null)
                        {
                            return null;
                        }

                        builder.Append(piece);
                    }

                    return builder.ToString();
                case ILocalReferenceOperation local:
                    return SingleEarlierWrite(operation, local.Local, depth);
                case IParameterReferenceOperation parameter when parameter.Parameter.RefKind == RefKind.None:
                    return SingleEarlierWrite(operation, parameter.Parameter, depth);
                default:
                    return null;
            }
        }

        private static string? SingleEarlierWrite(IOperation read, ISymbol variable, int depth)
        {
            IOperation? write = null;
            foreach (var node in OperationHelpers.Root(read).Descendants())
            {
                IOperation? value = null;
                switch (node)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, variable):
                        value = declarator.GetVariableInitializer()?.Value;
                        if (value is null)
                        {
                            continue;
                        }

                        break;
                    case ISimpleAssignmentOperation assignment when Refers(assignment.Target, variable):
                        value = assignment.Value;
                        break;
                    case ICompoundAssignmentOperation compound when Refers(compound.Target, variable):
                        return null;
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None } argument when Refers(argument.Value, variable):
                        return null;
                    case IDeconstructionAssignmentOperation:
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        // Writes we do not follow; be safe when the variable is captured or deconstructed into.
                        if (Mentions(node, variable))
                        {
                            return null;
                        }

                        continue;
                    default:
                        continue;
                }

                if (write is not null)
                {
                    return null; // more than one write
                }

                write = value;
            }

            if (write is null || write.Syntax.SpanStart >= read.Syntax.SpanStart || !IsUnconditionalBefore(write.Syntax, read.Syntax))
            {
                return null;
            }

            return TryGetText(write, depth + 1);
        }

        private static bool Refers(IOperation? operation, ISymbol variable)
            => OperationHelpers.SkipConversions(operation) switch
            {
                ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, variable),
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, variable),
                _ => false,
            };

        private static bool Mentions(IOperation node, ISymbol variable)
        {
            foreach (var descendant in node.Descendants())
            {
                if (Refers(descendant, variable))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The write's statement belongs to a block (or top level) that also contains the read.</summary>
        private static bool IsUnconditionalBefore(SyntaxNode write, SyntaxNode read)
        {
            var statement = write.FirstAncestorOrSelf<StatementSyntax>();
            var container = statement?.Parent;
            if (container is GlobalStatementSyntax global)
            {
                container = global.Parent;
            }

            return container is BlockSyntax or CompilationUnitSyntax && container.Span.Contains(read.Span);
        }
    }
}
