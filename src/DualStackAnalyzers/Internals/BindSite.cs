using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    internal enum BindKind
    {
        /// <summary><c>new TcpListener(address, port)</c>, <c>new TcpListener(endpoint)</c>, <c>new TcpListener(port)</c>.</summary>
        TcpListener,

        /// <summary><c>socket.Bind(endpoint)</c>.</summary>
        SocketBind,

        /// <summary><c>new UdpClient(endpoint)</c> (bound in its constructor).</summary>
        UdpClient,

        /// <summary>Kestrel <c>options.Listen(address, port[, configure])</c> / <c>Listen(endpoint[, configure])</c>.</summary>
        KestrelListen,
    }

    /// <summary>
    /// A place where a local address is bound: the constructor or call, the address it binds and the port.
    /// Shared by every listener rule so that they agree on what a bind is.
    /// </summary>
    internal sealed class BindSite
    {
        private BindSite(BindKind kind, IOperation operation, IArgumentOperation? addressArgument, IObjectCreationOperation? endpointCreation, IOperation? addressValue, IOperation? port, IArgumentOperation? configure, IOperation? receiver)
        {
            Kind = kind;
            Operation = operation;
            AddressArgument = addressArgument;
            EndpointCreation = endpointCreation;
            AddressValue = addressValue;
            Port = port;
            Configure = configure;
            Receiver = receiver;
        }

        public BindKind Kind { get; }

        /// <summary>The creation or invocation that binds.</summary>
        public IOperation Operation { get; }

        /// <summary>The argument that carries the address or endpoint; null for <c>new TcpListener(port)</c>.</summary>
        public IArgumentOperation? AddressArgument { get; }

        /// <summary>The <c>new IPEndPoint(address, port)</c> the endpoint argument comes from, inline or through a local.</summary>
        public IObjectCreationOperation? EndpointCreation { get; }

        /// <summary>The address operand; null for <c>new TcpListener(port)</c>.</summary>
        public IOperation? AddressValue { get; }

        public IOperation? Port { get; }

        /// <summary>Kestrel's configure lambda argument, if any.</summary>
        public IArgumentOperation? Configure { get; }

        /// <summary>The socket of Bind, the options of Listen.</summary>
        public IOperation? Receiver { get; }

        /// <summary><c>new TcpListener(port)</c>: binds 0.0.0.0 with no address written.</summary>
        public bool IsImplicitAny => Kind == BindKind.TcpListener && AddressArgument is null;

        /// <summary>
        /// The syntax a diagnostic points at: the address as written in the call (inside an inline endpoint too);
        /// the argument when the endpoint comes through a local; the creation for <c>new TcpListener(port)</c>.
        /// </summary>
        public SyntaxNode ReportedSyntax
            => AddressArgument is null ? Operation.Syntax
                : EndpointIsInline && AddressValue is not null ? AddressValue.Syntax
                : AddressArgument.Value.Syntax;

        /// <summary>The endpoint is written inside the call (<c>Bind(new IPEndPoint(a, p))</c>).</summary>
        public bool EndpointIsInline => EndpointCreation is not null && AddressArgument is not null && AddressArgument.Value.Syntax.Span.Contains(EndpointCreation.Syntax.Span);

        /// <summary>Registers <paramref name="action"/> for the creations and calls <see cref="TryGet"/> can find a bind in.</summary>
        public static void RegisterAction(CompilationStartAnalysisContext start, Action<OperationAnalysisContext> action)
        {
            start.RegisterNamedOperationAction(action, OperationKind.ObjectCreation, IsBindingTypeName);
            start.RegisterNamedOperationAction(action, OperationKind.Invocation, IsBindingMethodName);
        }

        public static bool IsBindingTypeName(string name) => name is "TcpListener" or "UdpClient";

        public static bool IsBindingMethodName(string name) => name is "Bind" or "Listen";

        public static BindSite? TryGet(IOperation operation, NetSymbols symbols)
        {
            switch (operation)
            {
                case IObjectCreationOperation creation when creation.Constructor is { } constructor:
                    if (NetSymbols.Is(creation.Type, symbols.TcpListener))
                    {
                        return FromArguments(BindKind.TcpListener, creation, creation.Arguments, null, symbols, allowPortOnly: true);
                    }

                    if (NetSymbols.Is(creation.Type, symbols.UdpClient) && constructor.Parameters.Length == 1
                        && NetSymbols.Is(constructor.Parameters[0].Type, symbols.IPEndPoint))
                    {
                        return FromArguments(BindKind.UdpClient, creation, creation.Arguments, null, symbols, allowPortOnly: false);
                    }

                    return null;

                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    if (method.Name == "Bind" && NetSymbols.Is(method.ContainingType, symbols.Socket) && invocation.Arguments.Length == 1)
                    {
                        return FromArguments(BindKind.SocketBind, invocation, invocation.Arguments, invocation.Instance, symbols, allowPortOnly: false);
                    }

                    if (method.Name == "Listen" && symbols.KestrelServerOptions is not null
                        && NetSymbols.Is(method.ContainingType, symbols.KestrelServerOptions))
                    {
                        return FromArguments(BindKind.KestrelListen, invocation, invocation.Arguments, invocation.Instance, symbols, allowPortOnly: false);
                    }

                    return null;

                default:
                    return null;
            }
        }

        private static BindSite? FromArguments(BindKind kind, IOperation operation, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, IOperation? receiver, NetSymbols symbols, bool allowPortOnly)
        {
            IArgumentOperation? addressArgument = null;
            IOperation? port = null;
            IArgumentOperation? configure = null;
            foreach (var argument in arguments)
            {
                var type = argument.Parameter?.Type;
                if (type is null)
                {
                    return null;
                }

                if (NetSymbols.Is(type, symbols.IPAddress) || NetSymbols.Is(type, symbols.IPEndPoint) || NetSymbols.Is(type, symbols.EndPoint))
                {
                    addressArgument = argument;
                }
                else if (type.SpecialType == SpecialType.System_Int32)
                {
                    port = argument.Value;
                }
                else if (type.TypeKind == TypeKind.Delegate)
                {
                    configure = argument;
                }
            }

            if (addressArgument is null)
            {
                return allowPortOnly && port is not null && arguments.Length == 1
                    ? new BindSite(kind, operation, null, null, null, port, null, receiver)
                    : null;
            }

            if (NetSymbols.Is(addressArgument.Parameter!.Type, symbols.IPAddress))
            {
                return new BindSite(kind, operation, addressArgument, null, addressArgument.Value, port, configure, receiver);
            }

            var endpoint = ResolveEndpointCreation(addressArgument.Value, symbols);
            return new BindSite(kind, operation, addressArgument, endpoint, endpoint?.Arguments.Length == 2 ? endpoint.Arguments[0].Value : null, endpoint?.Arguments.Length == 2 ? endpoint.Arguments[1].Value : null, configure, receiver);
        }

        /// <summary><c>new IPEndPoint(a, p)</c> inline, or the single value of a local.</summary>
        public static IObjectCreationOperation? ResolveEndpointCreation(IOperation? value, NetSymbols symbols)
        {
            for (var depth = 0; depth < 3; depth++)
            {
                value = OperationHelpers.SkipConversions(value);
                switch (value)
                {
                    case IObjectCreationOperation creation when NetSymbols.Is(creation.Type, symbols.IPEndPoint) && creation.Arguments.Length == 2:
                        return creation;
                    case ILocalReferenceOperation local:
                        var writes = OperationHelpers.LocalWrites(local);
                        if (writes.IsDefault || writes.Length != 1)
                        {
                            return null;
                        }

                        value = writes[0];
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>Which well-known address this site binds.</summary>
        public ResolvedAddress ResolveAddress(NetSymbols symbols)
        {
            if (IsImplicitAny)
            {
                return new ResolvedAddress(WellKnownAddress.IPv4Any, Operation.Syntax, "new TcpListener(port)");
            }

            var value = OperationHelpers.SkipConversions(AddressValue);
            if (value is not null && value.Type?.SpecialType == SpecialType.System_Int64 && value.ConstantValue is { HasValue: true, Value: long l } && l == 0)
            {
                return new ResolvedAddress(WellKnownAddress.IPv4Any, value.Syntax, "address 0");
            }

            return AddressResolver.Resolve(value, symbols);
        }

        /// <summary>The constant port, when it is one.</summary>
        public int? ConstantPort => OperationHelpers.SkipConversions(Port)?.ConstantValue is { HasValue: true, Value: int p } ? p : null;
    }
}
