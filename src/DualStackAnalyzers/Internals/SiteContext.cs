using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// What a rule's checks need from the callback that found a site: the member that holds it, the cancellation token
    /// and where to report. An operation callback gives all three; a site found by a search of the tree
    /// (<see cref="MemberReferences"/>) is in a semantic-model callback, which names its member only when asked.
    /// </summary>
    internal readonly struct SiteContext
    {
        private readonly ISymbol? containingSymbol;
        private readonly SemanticModel? model;
        private readonly int position;
        private readonly Action<Diagnostic> report;

        private SiteContext(ISymbol? containingSymbol, SemanticModel? model, int position, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            this.containingSymbol = containingSymbol;
            this.model = model;
            this.position = position;
            this.report = report;
            CancellationToken = cancellationToken;
        }

        public CancellationToken CancellationToken { get; }

        /// <summary>
        /// The member whose code holds the site, as an operation callback's ContainingSymbol: for code in a lambda or a
        /// local function, the member that declares it.
        /// </summary>
        public ISymbol ContainingSymbol => containingSymbol ?? EnclosingMember(model!, position, CancellationToken);

        public void ReportDiagnostic(Diagnostic diagnostic) => report(diagnostic);

        // A delegate per conversion: rules convert when they report, not per callback.
        public static implicit operator SiteContext(OperationAnalysisContext context)
            => new SiteContext(context.ContainingSymbol, null, 0, context.ReportDiagnostic, context.CancellationToken);

        public static SiteContext InTree(SemanticModelAnalysisContext context, SyntaxNode site)
            => new SiteContext(null, context.SemanticModel, site.SpanStart, context.ReportDiagnostic, context.CancellationToken);

        private static ISymbol EnclosingMember(SemanticModel model, int position, CancellationToken cancellationToken)
        {
            var symbol = model.GetEnclosingSymbol(position, cancellationToken) ?? model.Compilation.Assembly;
            if (symbol is IFieldSymbol { IsImplicitlyDeclared: true, AssociatedSymbol: { } owner })
            {
                // An auto-property's or field-like event's initializer: the semantic model names the backing field.
                return owner;
            }

            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction, ContainingSymbol: { } outer })
            {
                symbol = outer;
            }

            return symbol;
        }
    }
}
