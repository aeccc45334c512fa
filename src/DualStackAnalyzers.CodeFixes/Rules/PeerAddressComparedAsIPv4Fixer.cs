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
    /// DS0040 fix (R6): normalise the peer address before the comparison — <c>ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip</c>
    /// for a local, parameter or short member chain, a small <c>NormalizeMapped</c> helper for longer expressions (one
    /// evaluation) — and turn <c>Equals(IPAddress.Loopback)</c> into <c>IPAddress.IsLoopback(normalised)</c>.
    /// The normalisation only widens matches: IPv4 clients match again, IPv6 clients are unchanged.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PeerAddressComparedAsIPv4Fixer))]
    [Shared]
    public sealed class PeerAddressComparedAsIPv4Fixer : CodeFixProvider
    {
        public const string NormaliseKey = "DS0040.NormaliseMappedPeer";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.PeerAddressComparedAsIPv4);

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
                var plan = Plan.Create(root, model, context.Document.Project.AnalyzerOptions, diagnostic, context.CancellationToken);
                if (plan is null)
                {
                    continue;
                }

                var document = context.Document;
                var title = plan.UsesIsLoopback
                    ? "Use IPAddress.IsLoopback on the normalised peer address (also matches ::ffff:127.0.0.1 and ::1)"
                    : "Normalise the peer address (::ffff:a.b.c.d → a.b.c.d) before comparing";
                context.RegisterCodeFix(FixHelpers.Action(title, NormaliseKey, ct => ApplyAsync(document, ImmutableArray.Create(diagnostic), NormaliseKey, ct)), diagnostic);
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
                Plan.Create(root, model, document.Project.AnalyzerOptions, diagnostic, cancellationToken)?.Apply(editor, done);
            }

            return await FixHelpers.FinishAsync(document, editor.GetChangedRoot(), cancellationToken).ConfigureAwait(false);
        }

        private sealed class Plan
        {
            private readonly PeerComparison comparison;
            private readonly ExpressionSyntax address;
            private readonly SemanticModel model;
            private readonly bool simple;
            private readonly bool mayBeNull;

            private Plan(PeerComparison comparison, ExpressionSyntax address, SemanticModel model, bool simple, bool mayBeNull)
            {
                this.comparison = comparison;
                this.address = address;
                this.model = model;
                this.simple = simple;
                this.mayBeNull = mayBeNull;
                UsesIsLoopback = comparison.ComparesWithLoopbackField && !mayBeNull && comparison.Operation.Syntax.Span.Contains(address.Span);
            }

            public bool UsesIsLoopback { get; }

            public static Plan? Create(SyntaxNode root, SemanticModel model, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (diagnostic.Properties.ContainsKey(PeerAddressComparedAsIPv4Analyzer.NoFixProperty))
                {
                    return null;
                }

                var symbols = NetSymbols.TryCreate(model.Compilation);
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (symbols is null || !NetSymbols.HasMember(symbols.IPAddress, "IsIPv4MappedToIPv6") || !NetSymbols.HasMethod(symbols.IPAddress, "MapToIPv4", 0, isStatic: false))
                {
                    return null;
                }

                var target = TargetFramework.From(model.Compilation, options);
                PeerComparison? comparison = null;
                for (var current = node; current is not null && comparison is null && current.Span == diagnostic.Location.SourceSpan; current = current.Parent)
                {
                    var operation = model.GetOperation(current, cancellationToken);
                    if (operation is not null)
                    {
                        comparison = PeerComparison.TryMatch(operation, symbols, target);
                    }
                }

                if (comparison?.Trace.AddressNode is not { } addressNode || addressNode.Syntax is not ExpressionSyntax address || addressNode.Syntax.SyntaxTree != root.SyntaxTree)
                {
                    return null;
                }

                var simple = IsSimple(address);
                var mayBeNull = MayBeNull(address, model, cancellationToken);
                if (!simple && !NormalizeHelper.CanAdd(address, model))
                {
                    return null;
                }

                return new Plan(comparison, address, model, simple, mayBeNull);
            }

            /// <summary>A local, a parameter, a field or a two-part member chain (<c>ep.Address</c>): cheap and safe to repeat.</summary>
            private static bool IsSimple(ExpressionSyntax expression)
            {
                switch (expression)
                {
                    case IdentifierNameSyntax:
                        return true;
                    case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax, Name: IdentifierNameSyntax } access:
                        return access.IsKind(SyntaxKind.SimpleMemberAccessExpression);
                    default:
                        return false;
                }
            }

            /// <summary>
            /// The original code did not dereference the value (it was an argument, or read with ?.) and the compiler does
            /// not know it is non-null: the normalised form must keep null as null.
            /// </summary>
            private static bool MayBeNull(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
            {
                var outer = (SyntaxNode)expression;
                while (outer.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
                {
                    outer = outer.Parent;
                }

                if (outer.Parent is MemberAccessExpressionSyntax access && access.Expression == outer)
                {
                    return false;
                }

                var flow = model.GetTypeInfo(expression, cancellationToken).Nullability.FlowState;
                return flow != NullableFlowState.NotNull;
            }

            public void Apply(SyntaxEditor editor, HashSet<SyntaxNode> done)
            {
                var text = address.WithoutTrivia().ToString();
                string normalised;
                if (simple)
                {
                    normalised = mayBeNull
                        ? text + " != null && " + text + ".IsIPv4MappedToIPv6 ? " + text + ".MapToIPv4() : " + text
                        : text + ".IsIPv4MappedToIPv6 ? " + text + ".MapToIPv4() : " + text;
                }
                else
                {
                    normalised = NormalizeHelper.Name + "(" + text + ")";
                    NormalizeHelper.Ensure(editor, done, address, model);
                }

                if (UsesIsLoopback)
                {
                    var negate = comparison.Operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals };
                    var isLoopback = (negate ? "!" : string.Empty) + "System.Net.IPAddress.IsLoopback(" + normalised + ")";
                    FixHelpers.ReplaceOnce(editor, done, comparison.Operation.Syntax, EmittedCode.Expression(isLoopback));
                    return;
                }

                if (comparison.Operation is IBinaryOperation binary && comparison.Kind == PeerComparisonKind.AddressReferenceEquals && comparison.Other is { } other)
                {
                    // `peer == address` compares references: compare values, on the normalised peer.
                    var negate = binary.OperatorKind == BinaryOperatorKind.NotEquals;
                    var equals = (negate ? "!" : string.Empty) + ReceiverText(other.Syntax) + ".Equals(" + normalised + ")";
                    FixHelpers.ReplaceOnce(editor, done, binary.Syntax, EmittedCode.Expression(equals));
                    return;
                }

                var needsParentheses = simple && !(address.Parent is ArgumentSyntax || address.Parent is EqualsValueClauseSyntax);
                var replacement = needsParentheses ? "(" + normalised + ")" : normalised;
                FixHelpers.ReplaceOnce(editor, done, address, EmittedCode.Expression(replacement));
            }

            private static string ReceiverText(SyntaxNode other)
            {
                var text = other.WithoutTrivia().ToString();
                return other is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ParenthesizedExpressionSyntax
                    ? text
                    : "(" + text + ")";
            }
        }
    }
}
