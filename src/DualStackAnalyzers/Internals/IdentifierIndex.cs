using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// The identifier names of one syntax tree, by text: "where is this field, local or listener used?" is answered by
    /// a lookup instead of a walk over the whole type for every literal or bind site. Syntax only, so one index per
    /// tree serves every rule and every compilation that shares the tree (an editor reuses unchanged trees).
    /// </summary>
    internal sealed class IdentifierIndex
    {
        /// <summary>Per tree, weakly: collected with the tree.</summary>
        private static readonly ConditionalWeakTable<SyntaxTree, IdentifierIndex> PerTree = new ConditionalWeakTable<SyntaxTree, IdentifierIndex>();

        private readonly Dictionary<string, List<IdentifierNameSyntax>> byName;

        private IdentifierIndex(Dictionary<string, List<IdentifierNameSyntax>> byName)
        {
            this.byName = byName;
        }

        /// <summary>Every <c>IdentifierNameSyntax</c> spelled <paramref name="name"/> in the tree, in document order.</summary>
        public static IReadOnlyList<IdentifierNameSyntax> Named(SyntaxTree tree, string name, CancellationToken cancellationToken)
        {
            if (!PerTree.TryGetValue(tree, out var index))
            {
                // Built outside the table so a cancelled build stores nothing; racing builders store one of equal results.
                index = Build(tree, cancellationToken);
                index = PerTree.GetValue(tree, _ => index);
            }

            return index.byName.TryGetValue(name, out var list) ? list : Array.Empty<IdentifierNameSyntax>();
        }

        /// <summary>The identifiers spelled <paramref name="name"/> inside <paramref name="scope"/>.</summary>
        public static IEnumerable<IdentifierNameSyntax> Named(SyntaxNode scope, string name, CancellationToken cancellationToken)
        {
            var span = scope.FullSpan;
            foreach (var identifier in Named(scope.SyntaxTree, name, cancellationToken))
            {
                if (span.Contains(identifier.Span))
                {
                    yield return identifier;
                }
            }
        }

        private static IdentifierIndex Build(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var byName = new Dictionary<string, List<IdentifierNameSyntax>>(StringComparer.Ordinal);
            foreach (var node in Walks.Nodes(tree.GetRoot(cancellationToken), cancellationToken))
            {
                if (node is IdentifierNameSyntax identifier)
                {
                    var text = identifier.Identifier.ValueText;
                    if (!byName.TryGetValue(text, out var list))
                    {
                        byName[text] = list = new List<IdentifierNameSyntax>();
                    }

                    list.Add(identifier);
                }
            }

            return new IdentifierIndex(byName);
        }
    }
}
