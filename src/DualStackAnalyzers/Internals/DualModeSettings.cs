using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    internal enum DualModeState
    {
        /// <summary>Nothing in view sets dual mode.</summary>
        NotSet,

        /// <summary>DualMode = true (or IPV6_V6ONLY off) before the socket is bound.</summary>
        OnBeforeBind,

        /// <summary>Set only after the bind, where it throws (T2).</summary>
        OnOnlyAfterBind,

        /// <summary>DualMode = false, IPV6_V6ONLY on, or a value the code computes: a choice made on purpose.</summary>
        Chosen,
    }

    /// <summary>
    /// Where code sets dual mode on a socket, listener or client: <c>x.DualMode = v</c>, <c>x.Server.DualMode = v</c>,
    /// <c>x.Client.DualMode = v</c>, <c>SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, v)</c>, an object
    /// initializer, and whether that comes before the bind (T2: after Bind/Start it throws).
    /// </summary>
    internal static class DualModeSettings
    {
        private enum WriteValue
        {
            On,
            Off,
            Computed,
        }

        /// <summary><c>new Socket(...) { DualMode = true }</c>, <c>new TcpListener(...) { Server = { DualMode = true } }</c>.</summary>
        public static DualModeState InInitializer(IObjectCreationOperation creation)
        {
            if (creation.Initializer is null)
            {
                return DualModeState.NotSet;
            }

            foreach (var node in creation.Initializer.Descendants())
            {
                if (node is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "DualMode" } } assignment)
                {
                    return assignment.Value.ConstantValue is { HasValue: true, Value: true } ? DualModeState.OnBeforeBind : DualModeState.Chosen;
                }
            }

            return DualModeState.NotSet;
        }

        /// <summary>
        /// The dual-mode state of <paramref name="owner"/> at its binds. <paramref name="bindPoints"/> are the calls
        /// that bind (Start, Bind): a write after one of them in the same member is too late; a write in another
        /// member cannot be ordered and counts as set.
        /// </summary>
        public static DualModeState StateAt(ISymbol owner, IReadOnlyList<SyntaxNode> bindPoints, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken = default)
        {
            var sawOn = false;
            foreach (var (node, value) in Writes(owner, model, declarations, cancellationToken))
            {
                if (value != WriteValue.On)
                {
                    return DualModeState.Chosen;
                }

                sawOn = true;
                var member = ListenerUsage.MemberOf(node);
                if (!bindPoints.Any(bind => bind.SpanStart < node.SpanStart && bind.SyntaxTree == node.SyntaxTree && ListenerUsage.MemberOf(bind) == member))
                {
                    return DualModeState.OnBeforeBind;
                }
            }

            return sawOn ? DualModeState.OnOnlyAfterBind : DualModeState.NotSet;
        }

        /// <summary>Statements that set dual mode on the owner after one of the bind points (the fix removes them).</summary>
        public static IEnumerable<ExpressionStatementSyntax> LateStatements(ISymbol owner, IReadOnlyList<SyntaxNode> bindPoints, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken = default)
        {
            foreach (var (node, value) in Writes(owner, model, declarations, cancellationToken))
            {
                var member = ListenerUsage.MemberOf(node);
                if (value == WriteValue.On && node.Parent is ExpressionStatementSyntax statement
                    && bindPoints.Any(bind => bind.SpanStart < node.SpanStart && bind.SyntaxTree == node.SyntaxTree && ListenerUsage.MemberOf(bind) == member))
                {
                    yield return statement;
                }
            }
        }

        /// <summary>
        /// Every statement that switches dual mode on for the owner (DS0006's fixes remove them: the IPv4 socket a fallback
        /// creates rejects DualMode), or null when one of them is not a statement of its own (then no fix can drop it).
        /// </summary>
        public static List<ExpressionStatementSyntax>? OnStatements(ISymbol owner, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken = default)
        {
            var statements = new List<ExpressionStatementSyntax>();
            foreach (var (node, value) in Writes(owner, model, declarations, cancellationToken))
            {
                if (value != WriteValue.On)
                {
                    continue;
                }

                if (node.Parent is not ExpressionStatementSyntax statement || statement.SyntaxTree != model.SyntaxTree)
                {
                    return null;
                }

                statements.Add(statement);
            }

            return statements;
        }

        /// <summary>
        /// The owner is handed to a method of this compilation that sets dual mode (a "configure the socket" helper):
        /// that helper decides, so the rule stays silent.
        /// </summary>
        public static bool PassedToDualModeHelper(ISymbol owner, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken = default)
        {
            foreach (var declaration in declarations)
            {
                foreach (var argument in Walks.Nodes(declaration, cancellationToken).OfType<ArgumentSyntax>())
                {
                    if (argument.Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax)
                        || argument.Parent?.Parent is not InvocationExpressionSyntax invocation
                        || !ListenerUsage.RefersTo(argument.Expression, owner, model)
                        || invocation.SyntaxTree != model.SyntaxTree
                        || model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method)
                    {
                        continue;
                    }

                    foreach (var reference in method.DeclaringSyntaxReferences)
                    {
                        if (Walks.Tokens(reference.GetSyntax(cancellationToken), cancellationToken).Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText is "DualMode" or "IPv6Only"))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static readonly ImmutableArray<string> WriteMembers = ImmutableArray.Create("DualMode", "SetSocketOption");

        private static IEnumerable<(SyntaxNode Node, WriteValue Value)> Writes(ISymbol owner, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken)
        {
            foreach (var declaration in declarations)
            {
                // The two member names through the tree's identifier index (not a walk of the type per listener), in
                // document order.
                foreach (var name in ListenerUsage.MemberNamesInOrder(declaration, WriteMembers, cancellationToken))
                {
                    switch (name.Parent?.Parent)
                    {
                        case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax target } assignment
                            when target == name.Parent && name.Identifier.ValueText == "DualMode"
                                && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && ListenerUsage.RefersTo(target.Expression, owner, model):
                            yield return (assignment, ValueOf(assignment.Right, onWhenTrue: true));
                            break;

                        case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments: { Count: 3 } args } invocation
                            when access == name.Parent && name.Identifier.ValueText == "SetSocketOption"
                                && IsIPv6OnlyOption(args[1].Expression) && ListenerUsage.RefersTo(access.Expression, owner, model):
                            yield return (invocation, ValueOf(args[2].Expression, onWhenTrue: false));
                            break;
                    }
                }
            }
        }

        /// <summary><c>SocketOptionName.IPv6Only</c>, or the raw <c>(SocketOptionName)27</c> some code writes.</summary>
        private static bool IsIPv6OnlyOption(ExpressionSyntax expression)
            => expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IPv6Only" }
               || expression is CastExpressionSyntax { Expression: LiteralExpressionSyntax { Token.Value: 27 } };

        private static WriteValue ValueOf(ExpressionSyntax value, bool onWhenTrue)
        {
            var truth = value.Kind() switch
            {
                SyntaxKind.TrueLiteralExpression => true,
                SyntaxKind.FalseLiteralExpression => false,
                SyntaxKind.NumericLiteralExpression => value is LiteralExpressionSyntax { Token.Value: int i } ? i != 0 : (bool?)null,
                _ => null,
            };
            if (truth is null)
            {
                return WriteValue.Computed;
            }

            return truth.Value == onWhenTrue ? WriteValue.On : WriteValue.Off;
        }
    }
}
