using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// References to a property or field of a few names, found by a search of each tree's text
    /// (<see cref="IdentifierIndex"/>) and bound through the semantic model. A member's name is always written where it
    /// is referenced (no alias renames a member), so the search finds every site an operation callback would. A rule
    /// that wants <c>IPAddress.Address</c> takes one callback per tree instead of one per property or field reference
    /// in the compilation (the benchmark's code base: 103,314 property and 53,564 field references a pass, for 21 and
    /// 458 of the names asked for).
    /// </summary>
    internal static class MemberReferences
    {
        /// <param name="isWanted">
        /// The members the rule looks at. Asked first, with the symbol the semantic model binds the name to: the operation
        /// of a site is built only for these, because asking for the operation of a node inside a member builds the
        /// operation map of the whole member (most of the benchmark's <c>None</c>s are other enums' members).
        /// </param>
        public static void RegisterMemberReferenceAction<TReference>(this CompilationStartAnalysisContext start, Func<ISymbol, bool> isWanted, Action<SiteContext, TReference> action, params string[] names)
            where TReference : class, IMemberReferenceOperation
        {
            start.RegisterSemanticModelAction(context =>
            {
                var model = context.SemanticModel;
                foreach (var name in names)
                {
                    foreach (var identifier in IdentifierIndex.Named(model.SyntaxTree, name, context.CancellationToken))
                    {
                        if (ReferenceAt(model, identifier, isWanted, context.CancellationToken) is TReference reference)
                        {
                            action(SiteContext.InTree(context, reference.Syntax), reference);
                        }
                    }
                }
            });
        }

        /// <summary>
        /// The member reference written as <paramref name="identifier"/>: <c>x.Name</c>, <c>x?.Name</c>, or the name
        /// alone (an object initializer, a property pattern, <c>using static</c>, a member of this type).
        /// </summary>
        internal static IMemberReferenceOperation? ReferenceAt(SemanticModel model, IdentifierNameSyntax identifier, Func<ISymbol, bool> isWanted, CancellationToken cancellationToken)
        {
            SyntaxNode? access = identifier.Parent switch
            {
                MemberAccessExpressionSyntax member when member.Name == identifier => member,
                MemberBindingExpressionSyntax binding => binding,
                _ => null,
            };

            // Only a member the name certainly binds to is ruled out (incomplete code goes on to the operation).
            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is { } symbol && !isWanted(symbol))
            {
                return null;
            }

            return (access is null ? null : model.GetOperation(access, cancellationToken)) as IMemberReferenceOperation
                ?? model.GetOperation(identifier, cancellationToken) as IMemberReferenceOperation;
        }
    }
}
