using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Internals
{
    /// <summary>Code that runs only on Windows, where a rule about Linux behaviour (DS0005) has nothing to say.</summary>
    internal static class WindowsOnly
    {
        /// <summary>
        /// The project targets Windows only: a <c>-windows</c> target framework (the SDK writes
        /// <c>[assembly: TargetPlatform("Windows…")]</c> and <c>[assembly: SupportedOSPlatform("Windows…")]</c>), or the
        /// MSBuild property <c>TargetPlatformIdentifier</c> when the build makes it compiler-visible.
        /// </summary>
        public static bool IsTarget(Compilation compilation, AnalyzerOptions options)
        {
            if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.TargetPlatformIdentifier", out var platform)
                && platform.Trim().Equals("windows", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var platformAttributes = 0;
            var windowsAttributes = 0;
            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (IsPlatformAttribute(attribute, out var isWindows))
                {
                    platformAttributes++;
                    windowsAttributes += isWindows ? 1 : 0;
                }
            }

            return platformAttributes > 0 && platformAttributes == windowsAttributes;
        }

        /// <summary>
        /// The code is in a member or type marked <c>[SupportedOSPlatform("windows")]</c>, or in a branch (or after an
        /// early exit) that tests <c>OperatingSystem.IsWindows()</c> / <c>RuntimeInformation.IsOSPlatform(OSPlatform.Windows)</c>.
        /// </summary>
        public static bool IsCode(SyntaxNode node, ISymbol? containingSymbol)
        {
            for (var symbol = containingSymbol; symbol is not null; symbol = symbol.ContainingType)
            {
                foreach (var attribute in symbol.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name == "SupportedOSPlatformAttribute" && IsPlatformAttribute(attribute, out var isWindows) && isWindows)
                    {
                        return true;
                    }
                }
            }

            SyntaxNode child = node;
            for (var current = node.Parent; current is not null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case IfStatementSyntax ifStatement when child == ifStatement.Statement && TestsWindows(ifStatement.Condition, out var negated) && !negated:
                        return true;
                    case ElseClauseSyntax { Parent: IfStatementSyntax ifStatement } when TestsWindows(ifStatement.Condition, out var negated) && negated:
                        return true;
                    case ConditionalExpressionSyntax conditional when child == conditional.WhenTrue && TestsWindows(conditional.Condition, out var negated) && !negated:
                        return true;
                    case BlockSyntax block when child is StatementSyntax statement && FollowsNonWindowsExit(block.Statements, statement):
                        return true;
                    case GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } global when FollowsNonWindowsExitInTopLevel(unit, global):
                        return true;
                    case MemberDeclarationSyntax and not GlobalStatementSyntax:
                        return false;
                }
            }

            return false;
        }

        private static bool IsPlatformAttribute(AttributeData attribute, out bool isWindows)
        {
            isWindows = false;
            var name = attribute.AttributeClass?.Name;
            if ((name != "SupportedOSPlatformAttribute" && name != "TargetPlatformAttribute")
                || attribute.AttributeClass!.ContainingNamespace?.ToDisplayString() != "System.Runtime.Versioning"
                || attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0].Value is not string platform)
            {
                return false;
            }

            isWindows = platform.StartsWith("windows", StringComparison.OrdinalIgnoreCase);
            return true;
        }

        /// <summary>A test of the OS: <c>OperatingSystem.IsWindows()</c>, <c>IsOSPlatform(OSPlatform.Windows)</c>, negated or not.</summary>
        private static bool TestsWindows(ExpressionSyntax condition, out bool negated)
        {
            negated = false;
            while (true)
            {
                switch (condition)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        condition = parenthesized.Expression;
                        continue;
                    case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                        negated = !negated;
                        condition = unary.Operand;
                        continue;
                    case InvocationExpressionSyntax invocation:
                        var name = invocation.Expression switch
                        {
                            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                            _ => null,
                        };
                        if (name is not null && name.StartsWith("IsWindows", StringComparison.Ordinal))
                        {
                            return true;
                        }

                        return name == "IsOSPlatform" && invocation.ArgumentList.Arguments.Count == 1
                            && invocation.ArgumentList.Arguments[0].Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Windows" };
                    default:
                        return false;
                }
            }
        }

        private static bool FollowsNonWindowsExit(SyntaxList<StatementSyntax> statements, StatementSyntax statement)
        {
            foreach (var previous in statements)
            {
                if (previous == statement)
                {
                    return false;
                }

                if (IsNonWindowsExit(previous))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool FollowsNonWindowsExitInTopLevel(CompilationUnitSyntax unit, GlobalStatementSyntax statement)
        {
            foreach (var member in unit.Members)
            {
                if (member == statement)
                {
                    return false;
                }

                if (member is GlobalStatementSyntax { Statement: var previous } && IsNonWindowsExit(previous))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>if (!OperatingSystem.IsWindows()) return;</c> (or throw).</summary>
        private static bool IsNonWindowsExit(StatementSyntax statement)
        {
            if (statement is not IfStatementSyntax ifStatement || ifStatement.Else is not null
                || !TestsWindows(ifStatement.Condition, out var negated) || !negated)
            {
                return false;
            }

            var body = ifStatement.Statement is BlockSyntax { Statements.Count: > 0 } block ? block.Statements[block.Statements.Count - 1] : ifStatement.Statement;
            return body is ReturnStatementSyntax or ThrowStatementSyntax || body is ExpressionStatementSyntax { Expression: ThrowExpressionSyntax };
        }
    }
}
