using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace DualStackAnalyzers.CodeFixes.Internals
{
    /// <summary>
    /// Code a fix writes around the user's own expressions: only the names the fix qualified (<c>System.…</c>) are
    /// simplified and imported, so the user's text inside the replacement stays as written (no <c>this.</c> removed).
    /// </summary>
    internal static class EmittedCode
    {
        public static ExpressionSyntax Expression(string text)
        {
            var expression = SyntaxFactory.ParseExpression(text);
            var qualified = expression.DescendantNodesAndSelf()
                .Where(n => (n is MemberAccessExpressionSyntax || n is QualifiedNameSyntax) && IsSystemQualified(n) && !IsSystemQualified(n.Parent))
                .ToList();
            return expression
                .ReplaceNodes(qualified, (original, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>A dotted name under <c>System</c> written out in full (the outermost one is annotated).</summary>
        private static bool IsSystemQualified(SyntaxNode? node)
        {
            if (node is not (MemberAccessExpressionSyntax or QualifiedNameSyntax))
            {
                return false;
            }

            var text = node.ToString();
            return text.StartsWith("System.", StringComparison.Ordinal) && text.IndexOfAny(new[] { '(', ' ', '<', '[' }) < 0;
        }
    }
}
