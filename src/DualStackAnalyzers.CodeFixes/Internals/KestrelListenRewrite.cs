using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackAnalyzers.CodeFixes.Internals
{
    /// <summary>Kestrel <c>options.Listen(address, port[, configure])</c> rewritten to a port-only method (R8, R9).</summary>
    internal static class KestrelListenRewrite
    {
        /// <summary>
        /// <c>options.Listen(…, cfg)</c> → <c>options.{method}(port, cfg)</c> (<c>ListenAnyIP</c>, <c>ListenLocalhost</c>),
        /// keeping the receiver, the configure lambda and the trivia. The invocation's expression is a member access.
        /// </summary>
        public static InvocationExpressionSyntax ToPortOnly(InvocationExpressionSyntax invocation, string method, string portText, SyntaxNode? configure)
        {
            var access = (MemberAccessExpressionSyntax)invocation.Expression;
            var arguments = new List<ArgumentSyntax> { SyntaxFactory.Argument(SyntaxFactory.ParseExpression(portText)) };
            if (configure is ArgumentSyntax configureArgument)
            {
                arguments.Add(configureArgument.WithNameColon(null));
            }

            return invocation
                .WithExpression(access.WithName(SyntaxFactory.IdentifierName(method).WithTriviaFrom(access.Name)))
                .WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(arguments)));
        }
    }
}
