using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// Operation actions that can only report for operations of some names: the called method's name, the created type's
    /// name, the referenced property's or field's name. Hosted (<see cref="RuleHost.INamedRegistration"/>), the action is
    /// called only for names that pass <c>mayMatch</c>; run alone, it is called for every operation of the kind, so the
    /// tests that compare a hosted rule with the same rule alone check that the test lets through every name it needs.
    /// </summary>
    internal static class NamedOperations
    {
        /// <param name="mayMatch">False only for names for which <paramref name="action"/> does nothing; it must be pure and cheap.</param>
        public static void RegisterNamedOperationAction(this CompilationStartAnalysisContext start, Action<OperationAnalysisContext> action, OperationKind kind, Func<string, bool> mayMatch)
        {
            if (start is RuleHost.INamedRegistration named)
            {
                named.RegisterOperationAction(action, kind, mayMatch);
            }
            else
            {
                start.RegisterOperationAction(action, kind);
            }
        }

        /// <summary>The operation kinds that have a name.</summary>
        public static bool HasName(OperationKind kind)
            => kind is OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.PropertyReference or OperationKind.FieldReference;

        /// <summary>
        /// The name a test is asked about, for operations of <paramref name="kind"/> (no type tests on the hot path);
        /// empty when the operation has none (an error type, a typeless creation, a kind without names).
        /// </summary>
        public static Func<IOperation, string> NameGetter(OperationKind kind)
            => kind switch
            {
                OperationKind.Invocation => operation => ((IInvocationOperation)operation).TargetMethod.Name,
                OperationKind.ObjectCreation => operation => ((IObjectCreationOperation)operation).Type?.Name ?? string.Empty,
                OperationKind.PropertyReference => operation => ((IPropertyReferenceOperation)operation).Property.Name,
                OperationKind.FieldReference => operation => ((IFieldReferenceOperation)operation).Field.Name,
                _ => _ => string.Empty,
            };
    }
}
