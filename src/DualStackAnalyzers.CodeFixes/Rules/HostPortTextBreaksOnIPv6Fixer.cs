using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Internals;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// DS0030 fix (R7). An IPAddress host: <c>{ip}:{port}</c> becomes <c>{new IPEndPoint(ip, port)}</c>, which prints
    /// "[::1]:80" and "10.0.0.1:80" and keeps zone ids; the rest of the text is unchanged. A string host whose URL goes
    /// straight into <c>new Uri(…)</c>: <c>new UriBuilder(scheme, host, port[, path]).Uri</c>, which brackets IPv6 hosts.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HostPortTextBreaksOnIPv6Fixer))]
    [Shared]
    public sealed class HostPortTextBreaksOnIPv6Fixer : CodeFixProvider
    {
        public const string BracketHostKey = "DS0030.BracketHost";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.HostPortTextBreaksOnIPv6);

        public override FixAllProvider GetFixAllProvider() => FixHelpers.CreateFixAllProvider(ApplyAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = Plan.Create(root, model, diagnostic, context.CancellationToken);
                if (plan is null)
                {
                    continue;
                }

                var title = plan.Kind == HostPortFixKind.UriBuilder
                    ? "Build the URL with UriBuilder (brackets IPv6 hosts)"
                    : "Format the endpoint with IPEndPoint (brackets IPv6 addresses: [::1]:80)";
                var document = context.Document;
                context.RegisterCodeFix(FixHelpers.Action(title, BracketHostKey, ct => ApplyAsync(document, ImmutableArray.Create(diagnostic), BracketHostKey, ct)), diagnostic);
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            var done = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                Plan.Create(root, model, diagnostic, cancellationToken)?.Apply(editor, done);
            }

            return await FixHelpers.FinishAsync(document, editor.GetChangedRoot(), cancellationToken).ConfigureAwait(false);
        }

        private sealed class Plan
        {
            private readonly HostPortText text;
            private readonly ImmutableArray<HostPortPiece> pieces;
            private readonly UriShape? uri;
            private readonly SemanticModel model;

            private Plan(HostPortFixKind kind, HostPortText text, ImmutableArray<HostPortPiece> pieces, UriShape? uri, SemanticModel model)
            {
                Kind = kind;
                this.text = text;
                this.pieces = pieces;
                this.uri = uri;
                this.model = model;
            }

            public HostPortFixKind Kind { get; }

            public static Plan? Create(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (!diagnostic.Properties.TryGetValue(HostPortTextBreaksOnIPv6Analyzer.FixProperty, out _))
                {
                    return null;
                }

                var symbols = NetSymbols.TryCreate(model.Compilation);
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                HostPortText? text = null;
                for (var current = node; current is not null && text is null && current.Span == diagnostic.Location.SourceSpan; current = current.Parent)
                {
                    if (symbols is not null && model.GetOperation(current, cancellationToken) is { } operation)
                    {
                        text = HostPortText.TryGet(operation, symbols);
                    }
                }

                if (text is null || symbols is null)
                {
                    return null;
                }

                var consumer = TextConsumers.Find(text.Operation, symbols);
                var first = text.Pieces.FirstOrDefault(p => p.Kind != HostKind.StringHost || consumer.Use == TextUse.Sink);
                if (first is null)
                {
                    return null;
                }

                switch (HostPortFixPlan.Decide(text, first, consumer, symbols))
                {
                    case HostPortFixKind.EndPointFormat:
                        var fixable = text.Pieces.Where(p => HostPortFixPlan.CanFormatWithEndPoint(text, p, symbols)).ToImmutableArray();
                        return new Plan(HostPortFixKind.EndPointFormat, text, fixable, null, model);
                    case HostPortFixKind.UriBuilder:
                        return new Plan(HostPortFixKind.UriBuilder, text, ImmutableArray.Create(first), HostPortFixPlan.UriBuilderShape(text, first, consumer, symbols), model);
                    default:
                        return null;
                }
            }

            public void Apply(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                if (Kind == HostPortFixKind.UriBuilder)
                {
                    ApplyUriBuilder(editor, done);
                    return;
                }

                switch (text.Construction)
                {
                    case HostPortConstruction.Interpolation:
                        ApplyToInterpolation(editor, done);
                        break;
                    case HostPortConstruction.Concatenation:
                        ApplyToConcatenation(editor, done);
                        break;
                    case HostPortConstruction.Format:
                        FixHelpers.ReplaceOnce(editor, done, text.Operation.Syntax, EmittedCode.Expression(EndPoint(pieces[0]) + ".ToString()"));
                        break;
                }
            }

            /// <summary><c>new System.Net.IPEndPoint(address, port)</c> for one piece, from the user's own expressions.</summary>
            private string EndPoint(HostPortPiece piece)
            {
                var address = piece.AddressExpression!.Syntax.WithoutTrivia().ToString();
                return "new System.Net.IPEndPoint(" + address + ", " + PortText(piece) + ")";
            }

            private string PortText(HostPortPiece piece)
                => piece.PortDigits ?? ((InterpolationOrValue(text.Segments[piece.PortIndex!.Value])).WithoutTrivia().ToString());

            private static SyntaxNode InterpolationOrValue(TextSegment segment)
                => segment.Operation is IInterpolationOperation hole ? hole.Expression.Syntax : segment.Operation.Syntax;

            private void ApplyToInterpolation(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                var interpolated = (InterpolatedStringExpressionSyntax)text.Operation.Syntax;
                var replaced = new Dictionary<SyntaxNode, InterpolatedStringContentSyntax?>();
                foreach (var piece in pieces)
                {
                    var hole = (InterpolationSyntax)text.Segments[piece.HostIndex].Operation.Syntax;
                    var creation = EmittedCode.Expression(EndPoint(piece));
                    replaced[hole] = hole.WithExpression(creation);

                    var colon = (InterpolatedStringTextSyntax)text.Segments[piece.HostIndex + 1].Operation.Syntax;
                    if (piece.PortIndex is { } portIndex)
                    {
                        replaced[colon] = null;
                        replaced[text.Segments[portIndex].Operation.Syntax] = null;
                    }
                    else
                    {
                        // ":8080/api" → "/api"
                        var raw = colon.TextToken.Text.Substring(1 + piece.PortDigits!.Length);
                        var value = colon.TextToken.ValueText.Substring(1 + piece.PortDigits.Length);
                        replaced[colon] = raw.Length == 0
                            ? null
                            : colon.WithTextToken(SyntaxFactory.Token(colon.TextToken.LeadingTrivia, SyntaxKind.InterpolatedStringTextToken, raw, value, colon.TextToken.TrailingTrivia));
                    }
                }

                var contents = new List<InterpolatedStringContentSyntax>();
                foreach (var content in interpolated.Contents)
                {
                    if (!replaced.TryGetValue(content, out var replacement))
                    {
                        contents.Add(content);
                    }
                    else if (replacement is not null)
                    {
                        contents.Add(replacement);
                    }
                }

                // Only the endpoint left, and the text is a string: IPEndPoint's own text.
                if (contents.Count == 1 && contents[0] is InterpolationSyntax only && pieces.Length == 1
                    && model.GetTypeInfo(interpolated).ConvertedType?.SpecialType == SpecialType.System_String)
                {
                    FixHelpers.ReplaceOnce(editor, done, interpolated, EmittedCode.Expression(EndPoint(pieces[0]) + ".ToString()"));
                    return;
                }

                FixHelpers.ReplaceOnce(editor, done, interpolated, interpolated.WithContents(SyntaxFactory.List(contents)));
            }

            private void ApplyToConcatenation(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                var segments = text.Segments;
                var operands = new List<(SyntaxToken? Operator, ExpressionSyntax Operand)>();
                for (var i = 0; i < segments.Length; i++)
                {
                    var syntax = (ExpressionSyntax)segments[i].Operation.Syntax;
                    var piece = pieces.FirstOrDefault(p => p.HostIndex == i);
                    if (piece is null)
                    {
                        operands.Add((OperatorBefore(syntax), syntax));
                        continue;
                    }

                    var isFirst = operands.Count == 0;
                    var creation = EndPoint(piece) + (isFirst ? ".ToString()" : string.Empty);
                    operands.Add((OperatorBefore(syntax), EmittedCode.Expression(creation).WithLeadingTrivia(syntax.GetLeadingTrivia())));
                    if (piece.PortIndex is { } portIndex)
                    {
                        i = portIndex;
                    }
                    else
                    {
                        // ":8080/api" → "/api"
                        var rest = segments[i + 1].Text!.Substring(1 + piece.PortDigits!.Length);
                        i++;
                        if (rest.Length > 0)
                        {
                            operands.Add((OperatorBefore((ExpressionSyntax)segments[i].Operation.Syntax), SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(rest))));
                        }
                    }
                }

                var result = operands[0].Operand;
                for (var i = 1; i < operands.Count; i++)
                {
                    var plus = operands[i].Operator ?? SyntaxFactory.Token(SyntaxKind.PlusToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space);
                    result = SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, result, plus, operands[i].Operand);
                }

                FixHelpers.ReplaceOnce(editor, done, text.Operation.Syntax, result);
            }

            /// <summary>The '+' written before an operand of the concatenation (null for the first operand).</summary>
            private static SyntaxToken? OperatorBefore(ExpressionSyntax operand)
            {
                SyntaxNode node = operand;
                while (node.Parent is ParenthesizedExpressionSyntax)
                {
                    node = node.Parent;
                }

                return node.Parent is BinaryExpressionSyntax binary && binary.Right == node ? binary.OperatorToken : null;
            }

            private void ApplyUriBuilder(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                var piece = pieces[0];
                var shape = uri!;
                var scheme = shape.SchemeText is not null
                    ? SyntaxFactory.Literal(shape.SchemeText).Text
                    : shape.SchemeValue!.Syntax.WithoutTrivia().ToString();
                var host = InterpolationOrValue(text.Segments[piece.HostIndex]).WithoutTrivia().ToString();
                var path = shape.Path is null ? string.Empty : ", " + SyntaxFactory.Literal(shape.Path).Text;
                var builder = "new System.UriBuilder(" + scheme + ", " + host + ", " + PortText(piece) + path + ").Uri";
                FixHelpers.ReplaceOnce(editor, done, shape.UriCreation.Syntax, EmittedCode.Expression(builder));
            }
        }
    }
}
