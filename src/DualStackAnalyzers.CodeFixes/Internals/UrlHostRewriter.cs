using System.Collections.Generic;
using System.Linq;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;

namespace DualStackAnalyzers.CodeFixes.Internals
{
    /// <summary>
    /// Rewrites URL hosts inside string literals and the text of interpolations (<c>0.0.0.0</c> → <c>*</c>,
    /// <c>127.0.0.1</c> → <c>localhost</c>), every other character unchanged. Several hosts in one string are
    /// rewritten together, so Fix All can change <c>"http://0.0.0.0:80;https://0.0.0.0:443"</c> in one edit.
    /// </summary>
    internal sealed class UrlHostRewriter
    {
        private readonly Dictionary<SyntaxNode, List<(TextSpan Span, string Replacement)>> edits = new Dictionary<SyntaxNode, List<(TextSpan, string)>>();

        /// <summary>The diagnostic is a URL host the analyzer marked as rewritable, and the text there can be rewritten.</summary>
        public static bool CanRewrite(SyntaxNode root, Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(ListenerUrls.ReplacementProperty, out var replacement)
               && !string.IsNullOrEmpty(replacement)
               && StringNodeAt(root, diagnostic.Location.SourceSpan) is not null;

        /// <summary>Records the rewrite of the host a diagnostic points at; false when it cannot be done.</summary>
        public bool Add(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(ListenerUrls.ReplacementProperty, out var replacement) || string.IsNullOrEmpty(replacement))
            {
                return false;
            }

            var span = diagnostic.Location.SourceSpan;
            var node = StringNodeAt(root, span);
            if (node is null)
            {
                return false;
            }

            if (!edits.TryGetValue(node, out var list))
            {
                list = new List<(TextSpan, string)>();
                edits.Add(node, list);
            }

            if (!list.Any(e => e.Span.OverlapsWith(span)))
            {
                list.Add((span, replacement!));
            }

            return true;
        }

        /// <summary>Replaces each string that holds recorded hosts by the same string with the hosts rewritten.</summary>
        public void Apply(SyntaxEditor editor, HashSet<SyntaxNode> done)
        {
            foreach (var pair in edits)
            {
                var node = pair.Key;
                var text = node.ToString();
                var start = node.SpanStart;
                foreach (var (span, replacement) in pair.Value.OrderByDescending(e => e.Span.Start))
                {
                    text = text.Substring(0, span.Start - start) + replacement + text.Substring(span.End - start);
                }

                var parsed = SyntaxFactory.ParseExpression(text);
                if (parsed.ContainsDiagnostics || !parsed.IsKind(node.Kind()) || parsed.FullSpan.Length != text.Length)
                {
                    continue;
                }

                if (done.Add(node))
                {
                    editor.ReplaceNode(node, parsed.WithTriviaFrom(node));
                }
            }
        }

        /// <summary>The literal or interpolated string whose constant text contains the span.</summary>
        private static ExpressionSyntax? StringNodeAt(SyntaxNode root, TextSpan span)
        {
            if (span.IsEmpty || !root.FullSpan.Contains(span))
            {
                return null;
            }

            var token = root.FindToken(span.Start);
            if (!token.Span.Contains(span) || !ListenerUrls.TryGetContent(token, out var contentStart, out var contentEnd)
                || span.Start < token.SpanStart + contentStart || span.End > token.SpanStart + contentEnd)
            {
                return null;
            }

            return token.Parent switch
            {
                LiteralExpressionSyntax literal => literal,
                InterpolatedStringTextSyntax { Parent: InterpolatedStringExpressionSyntax interpolated } => interpolated,
                _ => null,
            };
        }
    }
}
