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
        public static void RegisterMemberReferenceAction<TReference>(this CompilationStartAnalysisContext start, Action<SiteContext, TReference> action, params string[] names)
            where TReference : class, IMemberReferenceOperation
        {
            start.RegisterSemanticModelAction(context =>
            {
                var model = context.SemanticModel;
                foreach (var name in names)
                {
                    foreach (var identifier in IdentifierIndex.Named(model.SyntaxTree, name, context.CancellationToken))
                    {
                        if (ReferenceAt(model, identifier, context.CancellationToken) is TReference reference)
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
        internal static IMemberReferenceOperation? ReferenceAt(SemanticModel model, IdentifierNameSyntax identifier, CancellationToken cancellationToken)
        {
            SyntaxNode? access = identifier.Parent switch
            {
                MemberAccessExpressionSyntax member when member.Name == identifier => member,
                MemberBindingExpressionSyntax binding => binding,
                _ => null,
            };

            return (access is null ? null : model.GetOperation(access, cancellationToken)) as IMemberReferenceOperation
                ?? model.GetOperation(identifier, cancellationToken) as IMemberReferenceOperation;
        }
    }
}
