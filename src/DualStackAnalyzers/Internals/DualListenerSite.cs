using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    internal enum DualListenerKind
    {
        /// <summary><c>new TcpListener(IPv6Any, p)</c> with DualMode on before Start.</summary>
        TcpListener,

        /// <summary><c>new Socket(InterNetworkV6, …)</c> with DualMode on, bound to IPv6Any.</summary>
        Socket,

        /// <summary><c>new Socket(SocketType, ProtocolType)</c> (dual by default, IPv4 where the OS has no IPv6) bound to IPv6Any.</summary>
        DefaultSocket,

        /// <summary><c>new UdpClient(InterNetworkV6)</c> with Client.DualMode on, Client.Bind(IPv6Any).</summary>
        UdpClient,

        /// <summary>Kestrel <c>Listen(IPv6Any, p)</c>: Kestrel sets DualMode for IPv6Any itself.</summary>
        Kestrel,
    }

    /// <summary>
    /// A listener that serves both families but has no IPv4 fallback (DS0006, T4): its IPv6 socket is created explicitly,
    /// so it fails to start where the kernel has no IPv6. The complement of DS0003 (IPv6Any without dual mode), decided
    /// with the same <see cref="DualModeSettings"/>.
    /// </summary>
    internal sealed class DualListenerSite
    {
        private DualListenerSite(DualListenerKind kind, BindSite site, ResolvedAddress address, ISymbol? owner, IObjectCreationOperation? creation)
        {
            Kind = kind;
            Site = site;
            Address = address;
            Owner = owner;
            Creation = creation;
        }

        public DualListenerKind Kind { get; }

        public BindSite Site { get; }

        public ResolvedAddress Address { get; }

        /// <summary>The local or field that holds the listener, socket or UdpClient; null for Kestrel.</summary>
        public ISymbol? Owner { get; }

        /// <summary>The creation of the TcpListener, Socket or UdpClient; null for Kestrel.</summary>
        public IObjectCreationOperation? Creation { get; }

        public static DualListenerSite? TryGet(IOperation operation, NetSymbols symbols, CancellationToken cancellationToken = default)
        {
            var site = BindSite.TryGet(operation, symbols);
            if (site is null)
            {
                return null;
            }

            var address = site.ResolveAddress(symbols);
            if (address.Kind != WellKnownAddress.IPv6Any)
            {
                return null;
            }

            switch (site.Kind)
            {
                case BindKind.KestrelListen:
                    return new DualListenerSite(DualListenerKind.Kestrel, site, address, null, null);

                case BindKind.TcpListener when site.Operation is IObjectCreationOperation listener:
                    var owner = ListenerUsage.StoredInto(listener);
                    return IsDualBeforeBind(listener, owner, "Start", cancellationToken)
                        ? new DualListenerSite(DualListenerKind.TcpListener, site, address, owner, listener)
                        : null;

                case BindKind.SocketBind:
                    return FromSocketBind(site, address, symbols, cancellationToken);

                default:
                    // new UdpClient(new IPEndPoint(IPv6Any, p)) binds in its constructor before DualMode can be set: DS0003.
                    return null;
            }
        }

        private static DualListenerSite? FromSocketBind(BindSite site, ResolvedAddress address, NetSymbols symbols, CancellationToken cancellationToken)
        {
            var receiver = OperationHelpers.SkipConversions(site.Receiver);
            if (receiver is IPropertyReferenceOperation { Property.Name: "Client", Instance: { } client } && NetSymbols.Is(client.Type, symbols.UdpClient))
            {
                var udpOwner = OperationHelpers.ReferencedSymbol(client);
                var udp = SocketCreation.FindCreation(client, symbols.UdpClient, cancellationToken);
                return udp is not null && udp.Arguments.Length == 1
                    && FamilyResolver.Resolve(udp.Arguments[0].Value, symbols).Kind == FamilyKind.IPv6
                    && IsDualBeforeBind(udp, udpOwner, "Bind", cancellationToken)
                    ? new DualListenerSite(DualListenerKind.UdpClient, site, address, udpOwner, udp)
                    : null;
            }

            if (receiver is null || !NetSymbols.Is(receiver.Type, symbols.Socket))
            {
                return null;
            }

            var owner = OperationHelpers.ReferencedSymbol(receiver);
            var socket = SocketCreation.Find(receiver, symbols, cancellationToken);
            if (socket is null || SocketCreation.IsRawOrIcmp(socket))
            {
                return null;
            }

            if (SocketCreation.FamilyArgument(socket) is { } family)
            {
                return FamilyResolver.Resolve(family.Value, symbols).Kind == FamilyKind.IPv6 && IsDualBeforeBind(socket, owner, "Bind", cancellationToken)
                    ? new DualListenerSite(DualListenerKind.Socket, site, address, owner, socket)
                    : null;
            }

            // Socket(SocketType, ProtocolType) is dual by default; only DualMode = false (or a computed value) changes that.
            if (socket.Arguments.Length != 2 || socket.Arguments.Any(a => a.Parameter?.Type.Name is not ("SocketType" or "ProtocolType")))
            {
                return null;
            }

            var model = socket.SemanticModel;
            if (owner is not null && model is not null
                && DualModeSettings.StateAt(owner, new List<SyntaxNode>(), model, CompilationFacts.Declarations(owner.ContainingType, site.Operation.Syntax), cancellationToken) == DualModeState.Chosen)
            {
                return null;
            }

            return new DualListenerSite(DualListenerKind.DefaultSocket, site, address, owner, socket);
        }

        /// <summary>DualMode = true (or IPV6_V6ONLY off) in the initializer, or before the first Start/Bind (as DS0003 decides).</summary>
        private static bool IsDualBeforeBind(IObjectCreationOperation creation, ISymbol? owner, string bindName, CancellationToken cancellationToken)
        {
            var initializer = DualModeSettings.InInitializer(creation);
            if (initializer != DualModeState.NotSet)
            {
                return initializer == DualModeState.OnBeforeBind;
            }

            var model = creation.SemanticModel;
            if (owner is null || model is null)
            {
                return false;
            }

            var declarations = CompilationFacts.Declarations(owner.ContainingType, creation.Syntax).ToList();
            var binds = ListenerUsage.Invocations(owner, model, declarations, cancellationToken)
                .Where(i => ((MemberAccessExpressionSyntax)i.Expression).Name.Identifier.ValueText == bindName)
                .ToList<SyntaxNode>();
            return DualModeSettings.StateAt(owner, binds, model, declarations, cancellationToken) == DualModeState.OnBeforeBind;
        }

        /// <summary>
        /// IPv6-level behaviour on the owner that an IPv4 fallback socket rejects: SocketOptionLevel.IPv6 options other
        /// than IPv6Only (which the fix removes), IPv6 multicast. Null when there is none.
        /// </summary>
        public static string? IPv6LevelBehaviour(ISymbol owner, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken = default)
        {
            foreach (var invocation in ListenerUsage.Invocations(owner, model, declarations, cancellationToken))
            {
                var name = ((MemberAccessExpressionSyntax)invocation.Expression).Name.Identifier.ValueText;
                var arguments = invocation.ArgumentList.Arguments;
                if (name == "SetSocketOption" && arguments.Count >= 2
                    && arguments[0].Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IPv6" }
                    && arguments[1].Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IPv6Only" })
                {
                    return "SocketOptionLevel.IPv6 options";
                }

                if (name == "JoinMulticastGroup" || (name == "SetSocketOption" && arguments.Any(a => a.Expression.ToString().Contains("IPv6MulticastOption"))))
                {
                    return "IPv6 multicast";
                }
            }

            return null;
        }

        /// <summary>
        /// R4's shape for a UdpClient: <c>var u = new UdpClient(InterNetworkV6);</c>, the DualMode statements, then
        /// <c>u.Client.Bind(…);</c>, one after the other in one block, and a port the creation can already see. The
        /// fix turns the creation into the helper call and removes the rest. Null when the code has another shape.
        /// </summary>
        public static (StatementSyntax Creation, List<StatementSyntax> Removed)? UdpBindShape(DualListenerSite udp, IReadOnlyList<ExpressionStatementSyntax> dualModeStatements)
        {
            var creationStatement = OwningStatement(udp.Creation!.Syntax);
            var bindStatement = udp.Site.Operation.Syntax.Parent as ExpressionStatementSyntax;
            if (creationStatement?.Parent is not BlockSyntax block || bindStatement?.Parent != block || udp.Site.Port is null)
            {
                return null;
            }

            var statements = block.Statements;
            var first = statements.IndexOf(creationStatement);
            var last = statements.IndexOf(bindStatement);
            if (first < 0 || last <= first || dualModeStatements.Count != last - first - 1)
            {
                return null;
            }

            var removed = new List<StatementSyntax>();
            for (var i = first + 1; i <= last; i++)
            {
                if (i < last && !dualModeStatements.Contains(statements[i]))
                {
                    return null;
                }

                removed.Add(statements[i]);
            }

            // The port moves to the creation: it must be a constant, a parameter, a field, or a local declared before.
            switch (OperationHelpers.SkipConversions(udp.Site.Port))
            {
                case { ConstantValue.HasValue: true }:
                case IParameterReferenceOperation:
                case IFieldReferenceOperation:
                    break;
                case ILocalReferenceOperation local when local.Local.DeclaringSyntaxReferences.All(r => r.Span.Start < creationStatement.SpanStart):
                    break;
                default:
                    return null;
            }

            return (creationStatement, removed);
        }

        /// <summary>The statement a creation is the value of: a local declaration or an assignment statement.</summary>
        public static StatementSyntax? OwningStatement(SyntaxNode creation)
        {
            var node = creation.Parent;
            while (node is ParenthesizedExpressionSyntax || node is CastExpressionSyntax)
            {
                node = node.Parent;
            }

            return node switch
            {
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } } } => statement,
                AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } => statement,
                _ => null,
            };
        }
    }
}
