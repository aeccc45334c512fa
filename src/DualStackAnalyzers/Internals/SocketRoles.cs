using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackAnalyzers.Internals
{
    /// <summary>What a bound socket is used for, read from the calls a type makes on it.</summary>
    internal static class SocketRoles
    {
        /// <summary>
        /// The type connects the socket (or UdpClient) and never listens on it or accepts from it: its Bind chooses a
        /// source address for a client, which is the client rules' business (DS0021), not a listener's.
        /// </summary>
        public static bool IsClient(ISymbol owner, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken = default)
        {
            var connects = false;
            foreach (var invocation in ListenerUsage.Invocations(owner, model, declarations, cancellationToken))
            {
                switch (((MemberAccessExpressionSyntax)invocation.Expression).Name.Identifier.ValueText)
                {
                    case "Connect":
                    case "ConnectAsync":
                    case "BeginConnect":
                        connects = true;
                        break;
                    case "Listen":
                    case "Accept":
                    case "AcceptAsync":
                    case "BeginAccept":
                        return false;
                }
            }

            return connects;
        }
    }
}
