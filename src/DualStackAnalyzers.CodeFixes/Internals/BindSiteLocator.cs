using System.Threading;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackAnalyzers.CodeFixes.Internals
{
    /// <summary>Finds again, from a diagnostic's location, the bind site the analyzer reported.</summary>
    internal static class BindSiteLocator
    {
        public static BindSite? Find(SyntaxNode root, SemanticModel model, NetSymbols symbols, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            for (var current = node; current is not null && current is not StatementSyntax && current is not MemberDeclarationSyntax; current = current.Parent)
            {
                if (current is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or InvocationExpressionSyntax
                    && model.GetOperation(current, cancellationToken) is { } operation
                    && BindSite.TryGet(operation, symbols) is { } site)
                {
                    return site;
                }
            }

            return null;
        }
    }
}
