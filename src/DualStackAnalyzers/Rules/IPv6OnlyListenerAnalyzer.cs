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
    /// DS0003: a listener binds the IPv6 wildcard without dual mode, so it is IPv6-only and refuses IPv4 clients
    /// (.NET sets IPV6_V6ONLY on every IPv6 socket: ground truth fact 1, #12, #16, T2).
    /// </summary>
    public sealed class IPv6OnlyListenerAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: why no automatic fix is offered (absent when a fix is safe).</summary>
        public const string NoFixReasonProperty = "NoFixReason";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.IPv6ListenerIsIPv6Only,
            RuleCategories.Listening,
            "IPv6 listener is IPv6-only",
            "{0} binds [::] with dual mode off, so IPv4 clients are refused{1}",
            DiagnosticSeverity.Warning,
            ".NET turns IPV6_V6ONLY on for every IPv6 socket it creates, on Linux and Windows: a listener on IPAddress.IPv6Any accepts IPv6 only unless DualMode = true is set before it is bound. IPv4 clients are refused. Use TcpListener.Create(port), a Socket(SocketType, ProtocolType) with a family-guarded bind, or set DualMode = true right after construction.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var facts = CompilationFacts.TryCreate(start.Compilation, start.Options);
                var symbols = facts?.Symbols;
                if (facts is null || symbols is null || (symbols.TcpListener is null && symbols.Socket is null && symbols.UdpClient is null))
                {
                    return;
                }

                start.RegisterNamedOperationAction(c => AnalyzeCreation(c, facts), OperationKind.ObjectCreation, BindSite.IsBindingTypeName);
                start.RegisterNamedOperationAction(c => AnalyzeBind(c, facts), OperationKind.Invocation, name => name == "Bind");
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, CompilationFacts facts)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var symbols = facts.Symbols;
            if (NetSymbols.Is(creation.Type, symbols.TcpListener))
            {
                AnalyzeTcpListener(context, facts, creation);
            }
            else if (NetSymbols.Is(creation.Type, symbols.UdpClient))
            {
                AnalyzeUdpClient(context, facts, creation);
            }
        }

        /// <summary><c>new TcpListener(IPv6Any, p)</c>: binds at Start(), so DualMode set before the first Start() is correct.</summary>
        private static void AnalyzeTcpListener(OperationAnalysisContext context, CompilationFacts facts, IObjectCreationOperation creation)
        {
            var site = BindSite.TryGet(creation, facts.Symbols);
            if (site is null || site.ResolveAddress(facts.Symbols) is not { Kind: WellKnownAddress.IPv6Any } address)
            {
                return;
            }

            var initializer = DualModeSettings.InInitializer(creation);
            if (initializer != DualModeState.NotSet)
            {
                return;
            }

            var type = CompilationFacts.ContainingType(context.ContainingSymbol);
            var owner = ListenerUsage.StoredInto(creation);
            var model = creation.SemanticModel;
            var late = false;
            if (owner is not null && model is not null)
            {
                var declarations = CompilationFacts.Declarations(type, creation.Syntax);
                var starts = ListenerUsage.Invocations(owner, model, declarations, context.CancellationToken)
                    .Where(i => ((MemberAccessExpressionSyntax)i.Expression).Name.Identifier.ValueText == "Start")
                    .ToList<SyntaxNode>();
                var state = DualModeSettings.StateAt(owner, starts, model, declarations, context.CancellationToken);
                if (state is DualModeState.OnBeforeBind or DualModeState.Chosen
                    || (state == DualModeState.NotSet && DualModeSettings.PassedToDualModeHelper(owner, model, declarations, context.CancellationToken)))
                {
                    return;
                }

                late = state == DualModeState.OnOnlyAfterBind;
            }

            var reported = site.ReportedSyntax;
            if (IsDeliberate(facts, type, site.Port, reported, context.CancellationToken))
            {
                return;
            }

            string? noFix = null;
            if (owner is not null && model is not null)
            {
                var declarations = CompilationFacts.Declarations(type, creation.Syntax);
                noFix = ListenerUsage.MayRestart(owner, creation.Syntax, model, declarations, context.CancellationToken)
                    ? "the listener is started again after Stop(), which drops dual mode; re-create it with TcpListener.Create(port) before each Start()"
                    : IPv4LevelReason(owner, model, declarations, context.CancellationToken);
            }

            Report(context, reported, address.Origin, address.Display, late ? "; DualMode = true comes only after Start(), where it throws" : null, noFix);
        }

        /// <summary><c>new UdpClient(p, InterNetworkV6)</c> and <c>new UdpClient(new IPEndPoint(IPv6Any, p))</c> bind in the constructor (T2).</summary>
        private static void AnalyzeUdpClient(OperationAnalysisContext context, CompilationFacts facts, IObjectCreationOperation creation)
        {
            var parameters = creation.Constructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
            SyntaxNode reported;
            SyntaxNode? origin;
            string display;
            IOperation? port;
            if (parameters.Length == 2 && parameters[0].Type.SpecialType == SpecialType.System_Int32
                && NetSymbols.Is(parameters[1].Type, facts.Symbols.AddressFamily)
                && creation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1) is { } familyArgument
                && creation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0) is { } portArgument)
            {
                var family = FamilyResolver.Resolve(familyArgument.Value, facts.Symbols);
                if (family.Kind != FamilyKind.IPv6)
                {
                    return;
                }

                reported = familyArgument.Value.Syntax;
                origin = family.Origin;
                display = family.Display;
                port = portArgument.Value;
            }
            else if (BindSite.TryGet(creation, facts.Symbols) is { Kind: BindKind.UdpClient } site
                && site.ResolveAddress(facts.Symbols) is { Kind: WellKnownAddress.IPv6Any } address)
            {
                reported = site.ReportedSyntax;
                origin = address.Origin;
                display = address.Display;
                port = site.Port;
            }
            else
            {
                return;
            }

            var type = CompilationFacts.ContainingType(context.ContainingSymbol);
            if (IsDeliberate(facts, type, port, reported, context.CancellationToken))
            {
                return;
            }

            var owner = ListenerUsage.StoredInto(creation);
            var model = creation.SemanticModel;
            var noFix = owner is null || model is null ? null : IPv4LevelReason(owner, model, CompilationFacts.Declarations(type, creation.Syntax), context.CancellationToken);
            Report(context, reported, origin, display, "; UdpClient binds in its constructor, so DualMode cannot be set afterwards", noFix);
        }

        /// <summary><c>socket.Bind(new IPEndPoint(IPv6Any, p))</c> on an IPv6 socket, or on a UdpClient(InterNetworkV6)'s Client.</summary>
        private static void AnalyzeBind(OperationAnalysisContext context, CompilationFacts facts)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "Bind")
            {
                return;
            }

            var symbols = facts.Symbols;
            var site = BindSite.TryGet(invocation, symbols);
            if (site is not { Kind: BindKind.SocketBind } || site.ResolveAddress(symbols) is not { Kind: WellKnownAddress.IPv6Any } address)
            {
                return;
            }

            var receiver = OperationHelpers.SkipConversions(site.Receiver);
            ISymbol? owner;
            IObjectCreationOperation? creation;
            if (receiver is IPropertyReferenceOperation { Property.Name: "Client", Instance: { } client } && NetSymbols.Is(client.Type, symbols.UdpClient))
            {
                // new UdpClient(AddressFamily.InterNetworkV6) then udp.Client.Bind(...): unbound until here.
                owner = OperationHelpers.ReferencedSymbol(client);
                creation = SocketCreation.FindCreation(client, symbols.UdpClient, context.CancellationToken);
                if (creation is null || creation.Arguments.Length != 1
                    || FamilyResolver.Resolve(creation.Arguments[0].Value, symbols).Kind != FamilyKind.IPv6)
                {
                    return;
                }
            }
            else if (receiver is not null && NetSymbols.Is(receiver.Type, symbols.Socket))
            {
                owner = OperationHelpers.ReferencedSymbol(receiver);
                creation = SocketCreation.Find(receiver, symbols, context.CancellationToken);

                // Socket(SocketType, ProtocolType) is dual already; a socket whose creation is out of view may be configured there.
                if (creation is null || SocketCreation.FamilyArgument(creation) is not { } familyArgument || SocketCreation.IsRawOrIcmp(creation)
                    || FamilyResolver.Resolve(familyArgument.Value, symbols).Kind == FamilyKind.IPv4)
                {
                    return;
                }
            }
            else
            {
                return;
            }

            if (owner is null || DualModeSettings.InInitializer(creation) != DualModeState.NotSet)
            {
                return;
            }

            var model = invocation.SemanticModel;
            var type = CompilationFacts.ContainingType(context.ContainingSymbol);
            if (model is null)
            {
                return;
            }

            var declarations = CompilationFacts.Declarations(type, invocation.Syntax);
            var binds = ListenerUsage.Invocations(owner, model, declarations, context.CancellationToken)
                .Where(i => ((MemberAccessExpressionSyntax)i.Expression).Name.Identifier.ValueText == "Bind")
                .ToList<SyntaxNode>();
            if (!binds.Contains(invocation.Syntax))
            {
                binds.Add(invocation.Syntax);
            }

            var state = DualModeSettings.StateAt(owner, binds, model, declarations, context.CancellationToken);
            if (state is DualModeState.OnBeforeBind or DualModeState.Chosen
                || (state == DualModeState.NotSet && DualModeSettings.PassedToDualModeHelper(owner, model, declarations, context.CancellationToken)))
            {
                return;
            }

            var reported = site.ReportedSyntax;
            if (IsDeliberate(facts, type, site.Port, reported, context.CancellationToken))
            {
                return;
            }

            var late = state == DualModeState.OnOnlyAfterBind ? "; DualMode = true comes only after Bind(), where it throws" : null;
            Report(context, reported, address.Origin, address.Display, late, IPv4LevelReason(owner, model, declarations, context.CancellationToken));
        }

        /// <summary>
        /// Never flag (rules.md) and per-family code: an IPv4 wildcard bind of the same port that runs alongside, a
        /// branch on an address family (a per-family socket factory), a type that speaks IPv6 multicast (per-family by nature).
        /// </summary>
        private static bool IsDeliberate(CompilationFacts facts, INamedTypeSymbol? type, IOperation? port, SyntaxNode reported, CancellationToken cancellationToken)
        {
            if (InsideAddressFamilyBranch(reported))
            {
                return true;
            }

            if (facts.UsesIPv6Multicast(type, reported, cancellationToken))
            {
                return true;
            }

            return port is not null && facts.TraitsOf(type, reported, cancellationToken).HasIPv4AnyBindAlongside(TypeTraits.Normalize(port.Syntax), reported);
        }

        /// <summary>Inside an if/?:/switch that tests an address family (not OSSupportsIPv6: that IPv6 branch is still IPv6-only).</summary>
        private static bool InsideAddressFamilyBranch(SyntaxNode node)
        {
            SyntaxNode child = node;
            for (var current = node.Parent; current is not null; child = current, current = current.Parent)
            {
                var condition = current switch
                {
                    IfStatementSyntax ifStatement when child != ifStatement.Condition => ifStatement.Condition,
                    ConditionalExpressionSyntax conditional when child != conditional.Condition => conditional.Condition,
                    SwitchStatementSyntax switchStatement when child != switchStatement.Expression => switchStatement.Expression,
                    SwitchExpressionSyntax switchExpression when child != switchExpression.GoverningExpression => switchExpression.GoverningExpression,
                    _ => null,
                };
                if (condition is not null && condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                        .Any(i => i.Identifier.ValueText is "AddressFamily" or "InterNetwork" or "InterNetworkV6"))
                {
                    return true;
                }

                if (current is MemberDeclarationSyntax and not GlobalStatementSyntax)
                {
                    return false;
                }
            }

            return false;
        }

        private static string? IPv4LevelReason(ISymbol owner, SemanticModel model, IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken)
        {
            var ipv4Level = ListenerUsage.IPv4LevelBehaviour(owner, model, declarations, cancellationToken);
            return ipv4Level is null ? null : "'" + owner.Name + "' also uses " + ipv4Level + ", which a dual-stack socket applies to IPv4 traffic only";
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode reported, SyntaxNode? origin, string display, string? note, string? noFix)
        {
            var additional = new List<Location>();
            if (origin is not null && !reported.Span.Contains(origin.Span))
            {
                additional.Add(origin.GetLocation());
                if (!display.StartsWith("'", System.StringComparison.Ordinal))
                {
                    display = "'" + reported + "' (" + display + ")";
                }
            }

            var properties = noFix is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(NoFixReasonProperty, noFix);
            var suffix = note + (noFix is null ? string.Empty : "; no automatic fix: " + noFix);
            context.ReportDiagnostic(Diagnostic.Create(Rule, reported.GetLocation(), additional, properties, display, suffix));
        }
    }
}
