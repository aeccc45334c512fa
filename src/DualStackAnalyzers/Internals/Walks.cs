using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// Walks over a whole type, member or tree that stop when the analysis is cancelled: an editor that moves on must
    /// not wait for a walk over a large type. Use these (not DescendantNodes/DescendantTokens) for anything larger than
    /// one expression or statement; the robustness tests check that every other syntax walk is listed as bounded.
    /// </summary>
    internal static class Walks
    {
        public static IEnumerable<SyntaxNode> Nodes(SyntaxNode root, CancellationToken cancellationToken, Func<SyntaxNode, bool>? descendIntoChildren = null)
        {
            foreach (var node in root.DescendantNodes(descendIntoChildren))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return node;
            }
        }

        public static IEnumerable<SyntaxToken> Tokens(SyntaxNode root, CancellationToken cancellationToken)
        {
            foreach (var token in root.DescendantTokens())
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return token;
            }
        }
    }
}
