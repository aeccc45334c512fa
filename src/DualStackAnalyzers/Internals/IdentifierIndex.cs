using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// The identifier names of one syntax tree, by text: "where is this field, local or listener used?" is answered by
    /// a lookup instead of a walk over the whole type for every literal or bind site. Syntax only, so one index per
    /// tree serves every rule and every compilation that shares the tree (an editor reuses unchanged trees).
    /// A name is looked up when first asked, by a search of the tree's text: rules ask a few names per tree, and a walk
    /// that indexes every identifier builds a node for every piece of the tree (perf: 13 of ~340 samples of a pass).
    /// An identifier written with a Unicode escape (<c>\u0061</c>) is not found: its text is not its name.
    /// </summary>
    internal sealed class IdentifierIndex
    {
        /// <summary>Per tree, weakly: collected with the tree.</summary>
        private static readonly ConditionalWeakTable<SyntaxTree, IdentifierIndex> PerTree = new ConditionalWeakTable<SyntaxTree, IdentifierIndex>();

        private readonly SyntaxTree tree;
        private readonly ConcurrentDictionary<string, IReadOnlyList<IdentifierNameSyntax>> byName = new ConcurrentDictionary<string, IReadOnlyList<IdentifierNameSyntax>>(StringComparer.Ordinal);
        private string? text;

        private IdentifierIndex(SyntaxTree tree) => this.tree = tree;

        /// <summary>Every <c>IdentifierNameSyntax</c> spelled <paramref name="name"/> in the tree, in document order.</summary>
        public static IReadOnlyList<IdentifierNameSyntax> Named(SyntaxTree tree, string name, CancellationToken cancellationToken)
        {
            var index = PerTree.GetValue(tree, t => new IdentifierIndex(t));
            if (!index.byName.TryGetValue(name, out var found))
            {
                // Searched outside the table so a cancelled search stores nothing; racing searches store one of equal results.
                found = index.byName.GetOrAdd(name, index.Find(name, cancellationToken));
            }

            return found;
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

        private IReadOnlyList<IdentifierNameSyntax> Find(string name, CancellationToken cancellationToken)
        {
            if (name.Length == 0)
            {
                return Array.Empty<IdentifierNameSyntax>();
            }

            // Racing threads may each read the text; they read the same.
            var source = text ??= tree.GetText(cancellationToken).ToString();
            var root = tree.GetRoot(cancellationToken);
            List<IdentifierNameSyntax>? found = null;
            for (var at = source.IndexOf(name, StringComparison.Ordinal); at >= 0; at = source.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();

                // A whole word (a verbatim @name counts); the token there, not trivia or a literal, is an identifier name.
                var end = at + name.Length;
                if ((at > 0 && SyntaxFacts.IsIdentifierPartCharacter(source[at - 1]))
                    || (end < source.Length && SyntaxFacts.IsIdentifierPartCharacter(source[end])))
                {
                    continue;
                }

                var token = root.FindToken(at);
                var start = token.SpanStart;
                if ((start == at || (start == at - 1 && source[start] == '@'))
                    && token.IsKind(SyntaxKind.IdentifierToken) && token.Parent is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name)
                {
                    (found ??= new List<IdentifierNameSyntax>()).Add(identifier);
                }
            }

            return found ?? (IReadOnlyList<IdentifierNameSyntax>)Array.Empty<IdentifierNameSyntax>();
        }
    }
}
