using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    internal enum SocketStackKind
    {
        Unknown,
        IPv4,
        IPv6Only,
        DualStack,
    }

    /// <summary>
    /// Which stack a Socket, UdpClient, TcpClient or TcpListener (or its .Client/.Server socket) uses, read from its
    /// creation (fact 2: Socket(SocketType, ProtocolType), TcpClient() on Core 3.0+ and TcpListener.Create are dual;
    /// an explicit family is that family) and from a <c>DualMode = true</c> anywhere in the type.
    /// </summary>
    internal static class SocketStack
    {
        public static SocketStackKind Of(IOperation? receiver, CompilationFacts facts, INamedTypeSymbol? containingType, CancellationToken cancellationToken = default)
        {
            var symbols = facts.Symbols;
            receiver = OperationHelpers.SkipConversions(receiver);
            if (receiver is IPropertyReferenceOperation { Property.Name: "Client" or "Server", Instance: { } owner }
                && (NetSymbols.Is(owner.Type, symbols.UdpClient) || NetSymbols.Is(owner.Type, symbols.TcpClient) || NetSymbols.Is(owner.Type, symbols.TcpListener)))
            {
                receiver = OperationHelpers.SkipConversions(owner);
            }

            if (receiver is null)
            {
                return SocketStackKind.Unknown;
            }

            var stack = Classify(FindCreation(receiver), facts);
            if (stack != SocketStackKind.DualStack && OperationHelpers.ReferencedSymbol(receiver) is { } symbol
                && receiver.SemanticModel is { } model && SetsDualMode(symbol, model, CompilationFacts.Declarations(containingType, receiver.Syntax), cancellationToken))
            {
                // DualMode throws on an IPv4 socket, so code that sets it has an IPv6 socket.
                return SocketStackKind.DualStack;
            }

            return stack;
        }

        /// <summary>The creation a receiver names: inline, the single value of a local, a field assigned once in the body or initialized in this tree.</summary>
        private static IOperation? FindCreation(IOperation receiver)
        {
            for (var depth = 0; depth < 3; depth++)
            {
                switch (receiver)
                {
                    case IObjectCreationOperation:
                    case IInvocationOperation:
                        return receiver;
                    case ILocalReferenceOperation local:
                        var writes = OperationHelpers.LocalWrites(local);
                        if (writes.IsDefaultOrEmpty || writes.Length != 1)
                        {
                            return null;
                        }

                        receiver = OperationHelpers.SkipConversions(writes[0])!;
                        break;
                    case IFieldReferenceOperation or IPropertyReferenceOperation:
                        var member = OperationHelpers.ReferencedSymbol(receiver);
                        IOperation? assigned = null;
                        foreach (var node in OperationHelpers.Root(receiver).Descendants())
                        {
                            if (node is ISimpleAssignmentOperation assignment
                                && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(assignment.Target), member))
                            {
                                if (assigned is not null)
                                {
                                    return null;
                                }

                                assigned = assignment.Value;
                            }
                        }

                        if (assigned is null && member is not null && receiver.SemanticModel is { } model)
                        {
                            foreach (var reference in member.DeclaringSyntaxReferences)
                            {
                                var value = reference.GetSyntax() switch
                                {
                                    VariableDeclaratorSyntax { Initializer.Value: { } v } => v,
                                    PropertyDeclarationSyntax { Initializer.Value: { } v } => v,
                                    _ => null,
                                };
                                if (value is not null && value.SyntaxTree == model.SyntaxTree)
                                {
                                    assigned = model.GetOperation(value);
                                }
                            }
                        }

                        if (assigned is null)
                        {
                            return null;
                        }

                        receiver = OperationHelpers.SkipConversions(assigned)!;
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static SocketStackKind Classify(IOperation? creation, CompilationFacts facts)
        {
            var symbols = facts.Symbols;
            if (creation is IInvocationOperation { TargetMethod.Name: "Create" } create && NetSymbols.Is(create.TargetMethod.ContainingType, symbols.TcpListener))
            {
                return SocketStackKind.DualStack;
            }

            if (creation is not IObjectCreationOperation { Constructor: { } constructor } objectCreation)
            {
                return SocketStackKind.Unknown;
            }

            if (HasDualModeInitializer(objectCreation))
            {
                return SocketStackKind.DualStack;
            }

            var type = objectCreation.Type;
            var parameters = constructor.Parameters;
            IOperation? familyValue = null;
            IOperation? addressValue = null;
            foreach (var argument in objectCreation.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (NetSymbols.Is(parameterType, symbols.AddressFamily))
                {
                    familyValue = argument.Value;
                }
                else if (NetSymbols.Is(parameterType, symbols.IPAddress))
                {
                    addressValue = argument.Value;
                }
                else if (NetSymbols.Is(parameterType, symbols.IPEndPoint))
                {
                    addressValue = BindSite.ResolveEndpointCreation(argument.Value, symbols) is { Arguments.Length: 2 } endpoint ? endpoint.Arguments[0].Value : null;
                    if (addressValue is null)
                    {
                        return SocketStackKind.Unknown;
                    }
                }
                else if (parameterType?.SpecialType == SpecialType.System_String)
                {
                    // UdpClient(host, port) / TcpClient(host, port): the family follows name resolution.
                    return SocketStackKind.Unknown;
                }
            }

            if (familyValue is not null)
            {
                return OperationHelpers.SkipConversions(familyValue) is IFieldReferenceOperation { Field.Name: var name }
                    ? name switch { "InterNetwork" => SocketStackKind.IPv4, "InterNetworkV6" => SocketStackKind.IPv6Only, _ => SocketStackKind.Unknown }
                    : SocketStackKind.Unknown;
            }

            if (addressValue is not null)
            {
                return KnownAddressFamily.Of(addressValue, symbols) switch
                {
                    KnownFamily.IPv4 => SocketStackKind.IPv4,
                    KnownFamily.IPv6 => SocketStackKind.IPv6Only,
                    _ => SocketStackKind.Unknown,
                };
            }

            if (NetSymbols.Is(type, symbols.Socket))
            {
                // Socket(SocketType, ProtocolType): IPv6 with DualMode (IPv4 where the OS has no IPv6).
                return parameters.Length == 2 ? SocketStackKind.DualStack : SocketStackKind.Unknown;
            }

            if (NetSymbols.Is(type, symbols.UdpClient))
            {
                // UdpClient() and UdpClient(port) are InterNetwork.
                return SocketStackKind.IPv4;
            }

            if (NetSymbols.Is(type, symbols.TcpClient))
            {
                return parameters.Length == 0 ? (facts.Target.TcpClientDefaultIsIPv4Only ? SocketStackKind.IPv4 : SocketStackKind.DualStack) : SocketStackKind.Unknown;
            }

            if (NetSymbols.Is(type, symbols.TcpListener))
            {
                // TcpListener(port) binds IPAddress.Any.
                return parameters.Length == 1 && parameters[0].Type.SpecialType == SpecialType.System_Int32 ? SocketStackKind.IPv4 : SocketStackKind.Unknown;
            }

            return SocketStackKind.Unknown;
        }

        private static bool HasDualModeInitializer(IObjectCreationOperation creation)
        {
            if (creation.Initializer is null)
            {
                return false;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "DualMode" }, Value.ConstantValue: { HasValue: true, Value: true } })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>x.DualMode = true</c> or <c>x.Client.DualMode = true</c> / <c>x.Server.DualMode = true</c> in the type.</summary>
        private static bool SetsDualMode(ISymbol owner, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken)
        {
            foreach (var declaration in declarations)
            {
                foreach (var node in Walks.Nodes(declaration, cancellationToken))
                {
                    if (node is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "DualMode" } left, Right: var right }
                        && right.IsKind(SyntaxKind.TrueLiteralExpression)
                        && Names(left.Expression, owner, model))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The local, field or property that holds the socket (the owner of a .Client/.Server socket).</summary>
        public static ISymbol? Owner(IOperation? receiver)
        {
            receiver = OperationHelpers.SkipConversions(receiver);
            if (receiver is IPropertyReferenceOperation { Property.Name: "Client" or "Server", Instance: { } owner })
            {
                receiver = owner;
            }

            return OperationHelpers.ReferencedSymbol(receiver);
        }

        /// <summary>Does the expression name the owner, or its .Client/.Server socket?</summary>
        public static bool Names(ExpressionSyntax expression, ISymbol owner, SemanticModel model)
        {
            if (expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Client" or "Server" } inner && inner.Expression is not ThisExpressionSyntax)
            {
                expression = inner.Expression;
            }

            var name = expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
                _ => null,
            };
            if (name != owner.Name)
            {
                return false;
            }

            return expression.SyntaxTree != model.SyntaxTree || SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(expression).Symbol, owner);
        }
    }
}
