using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>Code that runs as an HttpClient <c>SocketsHttpHandler.ConnectCallback</c> (ground truth #28).</summary>
    internal static class ConnectCallbacks
    {
        /// <summary>
        /// The operation is inside a lambda assigned to ConnectCallback, or inside a method of the type that is
        /// assigned to it by name (<c>ConnectCallback = ConnectAsync</c>).
        /// </summary>
        public static bool Contains(IOperation operation, ISymbol containingSymbol, NetSymbols symbols, CancellationToken cancellationToken = default)
        {
            if (symbols.SocketsHttpHandler is null)
            {
                return false;
            }

            foreach (var ancestor in OperationHelpers.Ancestors(operation))
            {
                if (ancestor is IAnonymousFunctionOperation function)
                {
                    var parent = function.Parent;
                    while (parent is IDelegateCreationOperation or IConversionOperation)
                    {
                        parent = parent.Parent;
                    }

                    if (parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "ConnectCallback" } property } }
                        && NetSymbols.Is(property.ContainingType, symbols.SocketsHttpHandler))
                    {
                        return true;
                    }
                }
            }

            if (containingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method || method.ContainingType is null)
            {
                return false;
            }

            foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var assignment in Walks.Nodes(reference.GetSyntax(cancellationToken), cancellationToken).OfType<AssignmentExpressionSyntax>())
                {
                    var target = assignment.Left switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                        _ => null,
                    };
                    var value = assignment.Right switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                        _ => null,
                    };
                    if (target == "ConnectCallback" && value == method.Name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
