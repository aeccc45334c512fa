using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace DualStackAnalyzers.CodeFixes.Internals
{
    /// <summary>Shared pieces of every fixer: parsing emitted code, imports, formatting, Fix All.</summary>
    internal static class FixHelpers
    {
        /// <summary>
        /// Parses an expression written with fully qualified names; the names are simplified and the usings added
        /// when the document is finished (<see cref="FinishAsync"/>).
        /// </summary>
        public static ExpressionSyntax Expression(string text)
            => SyntaxFactory.ParseExpression(text)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);

        public static StatementSyntax Statement(string text)
            => SyntaxFactory.ParseStatement(text)
                .WithTrailingTrivia(SyntaxFactory.ElasticMarker)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);

        public static MemberDeclarationSyntax Member(string text)
            => SyntaxFactory.ParseMemberDeclaration(text)!
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);

        /// <summary>Adds the usings the new code needs, simplifies qualified names and formats only what was added.</summary>
        public static async Task<Document> FinishAsync(Document document, SyntaxNode newRoot, CancellationToken cancellationToken)
        {
            var changed = document.WithSyntaxRoot(newRoot);
            changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The statement a creation belongs to when it is a local declaration or an assignment statement.</summary>
        public static StatementSyntax? OwningStatement(SyntaxNode creation)
        {
            var node = creation.Parent;
            while (node is ParenthesizedExpressionSyntax || node is CastExpressionSyntax)
            {
                node = node.Parent;
            }

            return node switch
            {
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax statement } } } => statement,
                AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } => statement,
                _ => null,
            };
        }

        /// <summary>The text that names what a creation was stored into (<c>listener</c>, <c>_socket</c>, <c>this.socket</c>).</summary>
        public static string? StoredIntoText(SyntaxNode creation)
        {
            var node = creation.Parent;
            while (node is ParenthesizedExpressionSyntax || node is CastExpressionSyntax)
            {
                node = node.Parent;
            }

            return node switch
            {
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
                AssignmentExpressionSyntax assignment => assignment.Left.WithoutTrivia().ToString(),
                _ => null,
            };
        }

        /// <summary>
        /// A Fix All provider that applies one document's diagnostics together through one editor, so that shared
        /// edits (a helper method, one socket with two binds) are made once. Works at document, project and solution scope.
        /// </summary>
        public static FixAllProvider CreateFixAllProvider(System.Func<Document, ImmutableArray<Diagnostic>, string?, CancellationToken, Task<Document>> apply)
            => FixAllProvider.Create(async (context, document, diagnostics) =>
                diagnostics.IsEmpty ? document : await apply(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false));

        public static CodeAction Action(string title, string equivalenceKey, System.Func<CancellationToken, Task<Document>> create)
            => CodeAction.Create(title, create, equivalenceKey);

        /// <summary>Replaces a node once, even when several diagnostics ask for the same edit.</summary>
        public static void ReplaceOnce(SyntaxEditor editor, HashSet<SyntaxNode> done, SyntaxNode node, SyntaxNode replacement)
        {
            if (done.Add(node))
            {
                editor.ReplaceNode(node, replacement.WithTriviaFrom(node));
            }
        }

        public static IEnumerable<T> Distinct<T>(IEnumerable<T> items) => items.Distinct();
    }
}
