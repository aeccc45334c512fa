using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// "Guarded fallbacks" (rules.md, Never flag): IPv4 forms that code chose on purpose, inside a branch on
    /// Socket.OSSupportsIPv6 or on an address family, a switch on the family, after an early exit on such a test,
    /// or in a catch after an IPv6/dual attempt. Our own fixes emit such code, so it must stay silent.
    /// </summary>
    internal static class FamilyGuards
    {
        public static bool IsGuarded(SyntaxNode node)
        {
            SyntaxNode child = node;
            for (var current = node.Parent; current is not null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case ConditionalExpressionSyntax conditional when child != conditional.Condition && IsFamilyTest(conditional.Condition):
                        return true;
                    case IfStatementSyntax ifStatement when child != ifStatement.Condition && IsFamilyTest(ifStatement.Condition):
                        return true;
                    case SwitchStatementSyntax switchStatement when child != switchStatement.Expression && IsFamilyTest(switchStatement.Expression):
                        return true;
                    case SwitchExpressionSyntax switchExpression when child != switchExpression.GoverningExpression && IsFamilyTest(switchExpression.GoverningExpression):
                        return true;
                    case SwitchExpressionArmSyntax arm when child == arm.Expression && IsFamilyTest(arm.Pattern):
                        return true; // AddressFamily.InterNetwork => ...
                    case SwitchSectionSyntax section when child is StatementSyntax && LabelsTestFamily(section):
                        return true; // case AddressFamily.InterNetwork: ...
                    case CatchClauseSyntax { Parent: TryStatementSyntax tryStatement } when MentionsIPv6Attempt(tryStatement.Block):
                        return true;
                    case BlockSyntax block when child is StatementSyntax statement && FollowsFamilyExit(block.Statements, statement):
                        return true;
                    case SwitchSectionSyntax section when child is StatementSyntax statement && FollowsFamilyExit(section.Statements, statement):
                        return true;
                    case GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit && FollowsFamilyExitInTopLevel(unit, global):
                        return true;
                    case BaseTypeDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        private static bool LabelsTestFamily(SwitchSectionSyntax section)
        {
            foreach (var label in section.Labels)
            {
                if (IsFamilyTest(label))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool FollowsFamilyExit(SyntaxList<StatementSyntax> statements, StatementSyntax statement)
        {
            foreach (var previous in statements)
            {
                if (previous == statement)
                {
                    return false;
                }

                if (previous is IfStatementSyntax ifStatement && IsFamilyTest(ifStatement.Condition) && EndsWithExit(ifStatement.Statement))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool FollowsFamilyExitInTopLevel(CompilationUnitSyntax unit, GlobalStatementSyntax statement)
        {
            foreach (var member in unit.Members)
            {
                if (member == statement)
                {
                    return false;
                }

                if (member is GlobalStatementSyntax { Statement: IfStatementSyntax ifStatement } && IsFamilyTest(ifStatement.Condition) && EndsWithExit(ifStatement.Statement))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool EndsWithExit(StatementSyntax statement)
        {
            if (statement is BlockSyntax block)
            {
                return block.Statements.Count > 0 && EndsWithExit(block.Statements[block.Statements.Count - 1]);
            }

            return statement is ReturnStatementSyntax or ThrowStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax
                || statement is ExpressionStatementSyntax { Expression: ThrowExpressionSyntax };
        }

        /// <summary>Does the expression test IPv6 support or an address family? (Names are enough: this only silences.)</summary>
        public static bool IsFamilyTest(SyntaxNode expression)
        {
            foreach (var token in expression.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && IsFamilyName(token.ValueText))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsFamilyName(string name)
        {
            switch (name)
            {
                case "OSSupportsIPv6":
                case "OSSupportsIPv4":
                case "AddressFamily":
                case "InterNetwork":
                case "InterNetworkV6":
                case "DualMode":
                case "IsIPv4MappedToIPv6":
                    return true;
            }

            return name.IndexOf("ipv6", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("ipv4", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("dualstack", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        private static bool MentionsIPv6Attempt(BlockSyntax block)
        {
            foreach (var token in block.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    switch (token.ValueText)
                    {
                        case "IPv6Any":
                        case "IPv6Loopback":
                        case "InterNetworkV6":
                        case "DualMode":
                        case "ListenAnyIP":
                        case "Create":
                            return true;
                    }
                }
            }

            return false;
        }
    }
}
