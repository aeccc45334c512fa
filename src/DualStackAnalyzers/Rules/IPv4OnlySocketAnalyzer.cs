using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0010: a Socket, TcpClient or UdpClient created for IPv4 only: it can neither reach nor be reached by
    /// IPv6 peers (#11, #14, #15).
    /// </summary>
    public sealed class IPv4OnlySocketAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: why no automatic fix is offered (absent when a fix is safe).</summary>
        public const string NoFixReasonProperty = "NoFixReason";

        /// <summary>Diagnostic property: what was created, one of the <c>Kind*</c> values.</summary>
        public const string KindProperty = "Kind";

        public const string KindSocket = "Socket";
        public const string KindTcpClient = "TcpClient";
        public const string KindBoundUdpClient = "BoundUdpClient";
        public const string KindUnboundUdpClient = "UnboundUdpClient";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.SocketCreatedIPv4Only,
            RuleCategories.AddressFamily,
            "Socket is created IPv4-only",
            "{0} makes this {1} IPv4-only, so it cannot talk to IPv6 peers{2}",
            DiagnosticSeverity.Warning,
            "A socket created with AddressFamily.InterNetwork (and UdpClient(), UdpClient(port), and TcpClient() on .NET Framework) speaks IPv4 only: connecting or sending to an IPv6 address throws, host names resolve to IPv4 addresses only, and IPv6 senders are never received. Use new Socket(SocketType, ProtocolType) and new TcpClient(), which are dual-stack with an IPv4 fallback, or a UdpClient created for IPv6 with DualMode where the OS has IPv6.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var facts = CompilationFacts.TryCreate(start.Compilation, start.Options);
                var symbols = facts?.Symbols;
                if (facts is null || symbols is null || symbols.AddressFamily is null
                    || (symbols.Socket is null && symbols.TcpClient is null && symbols.UdpClient is null))
                {
                    return;
                }

                start.RegisterNamedOperationAction(c => Analyze(c, facts), OperationKind.ObjectCreation, name => name is "Socket" or "TcpClient" or "UdpClient");
            });
        }

        private static void Analyze(OperationAnalysisContext context, CompilationFacts facts)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (Classify(creation, facts) is not { } found)
            {
                return;
            }

            var (kind, family, port) = found;
            var symbols = facts.Symbols;
            var reported = family.Origin is null ? creation.Syntax : SocketCreation.FamilyArgument(creation)!.Value.Syntax;
            if (FamilyGuards.IsGuarded(creation.Syntax) || (family.Origin is not null && FamilyGuards.IsGuarded(family.Origin)))
            {
                return;
            }

            if (kind == KindSocket && (SocketCreation.IsRawOrIcmp(creation) || ConnectCallbacks.Contains(creation, context.ContainingSymbol, symbols, context.CancellationToken)))
            {
                // Raw/ICMP sockets speak one family's protocol; an HttpClient ConnectCallback is DS0011's.
                return;
            }

            var type = CompilationFacts.ContainingType(context.ContainingSymbol);
            var owner = ListenerUsage.StoredInto(creation);
            var model = creation.SemanticModel;
            var declarations = CompilationFacts.Declarations(type, creation.Syntax);
            var portValue = OperationHelpers.SkipConversions(port)?.ConstantValue is { HasValue: true, Value: int p } ? p : (int?)null;

            if (kind != KindBoundUdpClient && owner is not null && model is not null)
            {
                // A socket bound to an IPv4 address is a listener: DS0001 (Any) and DS0004 (Loopback) own it.
                var bind = IPv4Bind(owner, model, declarations, symbols, context.CancellationToken);
                if (bind.Bound)
                {
                    return;
                }

                portValue ??= bind.Port;
            }

            if (facts.IsIPv4OnlyProtocol(type, portValue, reported, context.CancellationToken))
            {
                return;
            }

            var isPair = kind == KindBoundUdpClient && port is not null
                ? facts.HasIPv6Bind(type, reported, WellKnownAddress.IPv6Any, TypeTraits.Normalize(port.Syntax), context.CancellationToken)
                : facts.CreatesWithIPv6Family(type, reported, creation.Type!.Name, context.CancellationToken);
            if (isPair)
            {
                // A deliberate per-family pair: the IPv6 socket sits next to this one.
                return;
            }

            var noFix = NoFixReason(kind, family, owner, model, declarations, facts, context.CancellationToken);
            var display = family.Origin is not null ? family.Display : Describe(creation);
            var additional = family.Origin is not null && !reported.Span.Contains(family.Origin.Span)
                ? new[] { family.Origin.GetLocation() }
                : new Location[0];
            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind);
            if (noFix is not null)
            {
                properties = properties.Add(NoFixReasonProperty, noFix);
            }

            var suffix = (kind == KindTcpClient && family.Origin is null ? "; on .NET Framework and .NET Core before 3.0 TcpClient() is IPv4-only" : string.Empty)
                + (noFix is null ? string.Empty : "; no automatic fix: " + noFix);
            context.ReportDiagnostic(Diagnostic.Create(Rule, reported.GetLocation(), additional, properties, display, creation.Type!.Name, suffix));
        }

        /// <summary>What the creation makes IPv4-only; null when it does not.</summary>
        internal static (string Kind, ResolvedFamily Family, IOperation? Port)? Classify(IObjectCreationOperation creation, CompilationFacts facts)
        {
            var symbols = facts.Symbols;
            var parameters = creation.Constructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
            if (creation.Constructor is null || creation.Arguments.Length != parameters.Length)
            {
                return null;
            }

            if (NetSymbols.Is(creation.Type, symbols.Socket))
            {
                return parameters.Length == 3 && IPv4Family(creation, symbols) is { } family ? (KindSocket, family, null) : null;
            }

            if (NetSymbols.Is(creation.Type, symbols.TcpClient))
            {
                if (parameters.Length == 0)
                {
                    return facts.Target.TcpClientDefaultIsIPv4Only ? (KindTcpClient, default(ResolvedFamily), null) : null;
                }

                return parameters.Length == 1 && IPv4Family(creation, symbols) is { } family ? (KindTcpClient, family, null) : null;
            }

            if (!NetSymbols.Is(creation.Type, symbols.UdpClient))
            {
                return null;
            }

            var port = creation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_Int32)?.Value;
            switch (parameters.Length)
            {
                case 0:
                    return (KindUnboundUdpClient, default(ResolvedFamily), null);
                case 1 when port is not null:
                    return (KindBoundUdpClient, default(ResolvedFamily), port);
                case 1:
                    return IPv4Family(creation, symbols) is { } family ? (KindUnboundUdpClient, family, null) : null;
                case 2 when port is not null:
                    return IPv4Family(creation, symbols) is { } boundFamily ? (KindBoundUdpClient, boundFamily, port) : null;
                default:
                    return null;
            }
        }

        private static ResolvedFamily? IPv4Family(IObjectCreationOperation creation, NetSymbols symbols)
        {
            var argument = SocketCreation.FamilyArgument(creation);
            if (argument is null)
            {
                return null;
            }

            var family = FamilyResolver.Resolve(argument.Value, symbols);
            return family.Kind == FamilyKind.IPv4 ? family : null;
        }

        private static string Describe(IObjectCreationOperation creation)
            => creation.Arguments.Length == 0 ? "new " + creation.Type!.Name + "()" : "new " + creation.Type!.Name + "(port)";

        /// <summary>Is the owner (or its .Client socket) bound to an IPv4 address, and on which constant port?</summary>
        private static (bool Bound, int? Port) IPv4Bind(ISymbol owner, SemanticModel model, IEnumerable<SyntaxNode> declarations, NetSymbols symbols, CancellationToken cancellationToken)
        {
            foreach (var invocation in ListenerUsage.Invocations(owner, model, declarations, cancellationToken))
            {
                if (((MemberAccessExpressionSyntax)invocation.Expression).Name.Identifier.ValueText != "Bind" || invocation.SyntaxTree != model.SyntaxTree
                    || model.GetOperation(invocation) is not { } operation || BindSite.TryGet(operation, symbols) is not { } site)
                {
                    continue;
                }

                var address = site.ResolveAddress(symbols).Kind;
                if (address is WellKnownAddress.IPv4Any or WellKnownAddress.IPv4Loopback || IsIPv4Literal(site.AddressValue))
                {
                    return (true, site.ConstantPort);
                }
            }

            return (false, null);
        }

        private static bool IsIPv4Literal(IOperation? address)
            => OperationHelpers.SkipConversions(address) is IInvocationOperation { TargetMethod.Name: "Parse", Arguments: { Length: 1 } arguments }
               && arguments[0].Value.ConstantValue is { HasValue: true, Value: string text }
               && System.Net.IPAddress.TryParse(text, out var parsed)
               && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;

        /// <summary>Fix safety 7 and the target: when rewriting the creation would change behaviour.</summary>
        private static string? NoFixReason(string kind, ResolvedFamily family, ISymbol? owner, SemanticModel? model, IEnumerable<SyntaxNode> declarations, CompilationFacts facts, CancellationToken cancellationToken)
        {
            if (family.IsConfigurable)
            {
                return "the family comes from " + family.Display + "; make that default dual-stack, or create the socket without a family when none is configured";
            }

            if (owner is not null && model is not null && ListenerUsage.IPv4LevelBehaviour(owner, model, declarations, cancellationToken) is { } ipv4Level)
            {
                return "'" + owner.Name + "' also uses " + ipv4Level + ", which a dual-stack socket applies to IPv4 traffic only";
            }

            var target = facts.Target;
            var hostNamesIgnoreDualMode = kind == KindTcpClient ? target.TcpClientDefaultIsIPv4Only
                : kind is KindBoundUdpClient or KindUnboundUdpClient && target.DualConstructorsLackIPv4Fallback;
            if (hostNamesIgnoreDualMode)
            {
                // .NET Framework's TcpClient.Connect(host, port) and UdpClient.Send/Connect(host, port) use only the
                // addresses of the client's own family: an IPv6 dual-mode client would lose IPv4 servers.
                if (owner is null || model is null)
                {
                    return "the client leaves this method, and on this target a dual-mode client reaches host names over IPv6 only";
                }

                if (UsesHostName(owner, model, declarations, facts.Symbols, cancellationToken))
                {
                    return "on this target " + (kind == KindTcpClient ? "TcpClient" : "UdpClient") + " tries only addresses of its own family when given a host name, so a dual-mode IPv6 client would lose IPv4 servers";
                }
            }

            return null;
        }

        /// <summary>A Connect/Send of the TcpClient/UdpClient itself that takes a host name.</summary>
        private static bool UsesHostName(ISymbol owner, SemanticModel model, IEnumerable<SyntaxNode> declarations, NetSymbols symbols, CancellationToken cancellationToken)
        {
            foreach (var invocation in ListenerUsage.Invocations(owner, model, declarations, cancellationToken))
            {
                var name = ((MemberAccessExpressionSyntax)invocation.Expression).Name.Identifier.ValueText;
                if (!(name.StartsWith("Connect", System.StringComparison.Ordinal) || name.StartsWith("BeginConnect", System.StringComparison.Ordinal) || name.StartsWith("Send", System.StringComparison.Ordinal)))
                {
                    continue;
                }

                if (invocation.SyntaxTree != model.SyntaxTree || model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method)
                {
                    // Another tree or unresolved: assume the worst.
                    return true;
                }

                if ((NetSymbols.Is(method.ContainingType, symbols.TcpClient) || NetSymbols.Is(method.ContainingType, symbols.UdpClient))
                    && method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_String))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
