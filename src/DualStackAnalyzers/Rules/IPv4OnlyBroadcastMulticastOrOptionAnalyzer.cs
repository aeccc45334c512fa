using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0013: IPv4-only broadcast and multicast (IPv6 peers never receive them, #3, #19), IPAddress.None used as
    /// "no address" (it is 255.255.255.255), and IPv4-level options or Ttl on a dual-stack socket, where they cover
    /// only the IPv4 half of the traffic or throw (#19, #20, T11).
    /// </summary>
    public sealed class IPv4OnlyBroadcastMulticastOrOptionAnalyzer : DiagnosticAnalyzer
    {
        internal const string Broadcast = "is IPv4 broadcast: IPv6 has no broadcast, so IPv6 peers (every peer in an IPv6-only cluster) never receive it; add an IPv6 multicast group (e.g. ff02::1) for them";
        internal const string NoneSentinel = "is 255.255.255.255, the IPv4 broadcast address, not 'no address'; use null for a missing address";
        internal const string Multicast = "joins an IPv4 multicast group, which IPv6 peers are not in; also join an IPv6 group on an IPv6 socket (IPv6MulticastOption, JoinMulticastGroup(interfaceIndex, group))";
        internal const string MulticastOnIPv6Socket = "joins an IPv4 multicast group on an IPv6 or dual-stack socket, which throws 'Multicast family is not the same'; join IPv4 groups on a separate IPv4 socket";
        internal const string MulticastOptionAtIPv6Level = "passes an IPv4 MulticastOption at SocketOptionLevel.IPv6, which throws; use IPv6MulticastOption for IPv6 groups";
        internal const string IPLevelOnDualSocket = "sets an IPv4-level option on a dual-stack socket: it applies to IPv4 (mapped) traffic only and IPv6 peers keep the default; also set it at SocketOptionLevel.IPv6";
        internal const string TtlOnDualSocket = "on a dual-stack socket sets only the IPv6 hop limit: IPv4 peers keep the default TTL; also set SocketOptionName.IpTimeToLive at SocketOptionLevel.IP";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.IPv4OnlyBroadcastMulticastOrOption,
            RuleCategories.AddressFamily,
            "IPv4-only broadcast, multicast or IP-level option",
            "'{0}' {1}",
            DiagnosticSeverity.Info,
            "Broadcast and IPv4 multicast reach IPv4 peers only; IPAddress.None is the broadcast address, not 'no address'. On a dual-stack socket, SocketOptionLevel.IP options affect only IPv4-mapped traffic, Socket.Ttl sets only the IPv6 hop limit, and joining an IPv4 group throws. Add the IPv6 counterpart (an IPv6 multicast group, the SocketOptionLevel.IPv6 option) or keep IPv4-level behaviour on an IPv4 socket.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var facts = CompilationFacts.TryCreate(start.Compilation, start.Options);
                if (facts is null)
                {
                    return;
                }

                var state = new State(facts);
                // Found by a search for the words: a callback for every field reference costs more (MemberReferences).
                start.RegisterMemberReferenceAction<IFieldReferenceOperation>(
                    member => SymbolEqualityComparer.Default.Equals(member.ContainingType, state.Symbols.IPAddress), (c, reference) => AnalyzeField(c, reference, state), "Broadcast", "None");
                if (facts.Symbols.Socket is null && facts.Symbols.UdpClient is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeAssignment(c, state), OperationKind.SimpleAssignment);
                start.RegisterNamedOperationAction(c => AnalyzeInvocation(c, state), OperationKind.Invocation, name => name is "SetSocketOption" or "JoinMulticastGroup");
                if (state.MulticastOption is not null)
                {
                    start.RegisterNamedOperationAction(c => AnalyzeMulticastOption(c, state), OperationKind.ObjectCreation, name => name == "MulticastOption");
                }
            });
        }

        private sealed class State
        {
            private readonly ConcurrentDictionary<SyntaxTree, bool> topLevelPorts = new ConcurrentDictionary<SyntaxTree, bool>();
            private readonly ConcurrentDictionary<INamedTypeSymbol, bool> typePorts = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

            public State(CompilationFacts facts)
            {
                Facts = facts;
                Symbols = facts.Symbols;
                MulticastOption = Symbols.MulticastOption;
                SocketOptionLevel = Symbols.SocketOptionLevel;
            }

            public CompilationFacts Facts { get; }
            public NetSymbols Symbols { get; }
            public INamedTypeSymbol? MulticastOption { get; }
            public INamedTypeSymbol? SocketOptionLevel { get; }

            /// <summary>
            /// The IPv4-only protocols of rules.md by port (DHCPv4, NAT-PMP, NetBIOS, Wake-on-LAN; SSDP and mDNS without
            /// an IPv6 group) and by dualstack.ipv4_only_types. Not by "uses broadcast or IPv4 multicast": that is this
            /// rule's own subject, and would silence every finding.
            /// </summary>
            public bool IsIPv4OnlyProtocol(INamedTypeSymbol? type, SyntaxNode node, CancellationToken cancellationToken)
            {
                if (Facts.Options.For(node.SyntaxTree).IsIPv4OnlyType(type))
                {
                    return true;
                }

                if (type is not null && !type.IsImplicitlyDeclared && type.DeclaringSyntaxReferences.Length > 0)
                {
                    return typePorts.GetOrAdd(type, t => UsesIPv4OnlyPort(CompilationFacts.Declarations(t, node), Facts.UsesIPv6Multicast(t, node, cancellationToken), cancellationToken));
                }

                return topLevelPorts.GetOrAdd(node.SyntaxTree, tree => UsesIPv4OnlyPort(new[] { tree.GetRoot(cancellationToken) }, Facts.UsesIPv6Multicast(type, node, cancellationToken), cancellationToken));
            }

            /// <summary>The type also uses IPv6 multicast (IPv6MulticastOption, an ff0x:: group): the IPv6 counterpart.</summary>
            public bool HasIPv6Counterpart(INamedTypeSymbol? type, SyntaxNode node, CancellationToken cancellationToken) => Facts.UsesIPv6Multicast(type, node, cancellationToken);
        }

        // ---- IPAddress.Broadcast / IPAddress.None ---------------------------------------------------------------

        private static void AnalyzeField(SiteContext context, IFieldReferenceOperation reference, State state)
        {
            // The search found the name; the type is checked here too because incomplete code reaches this unfiltered.
            var field = reference.Field;
            if (!SymbolEqualityComparer.Default.Equals(field.ContainingType, state.Symbols.IPAddress))
            {
                return;
            }

            // Comparisons ask whether an address is broadcast; they send nothing. A receive-from placeholder
            // (new IPEndPoint(IPAddress.None, 0), an endpoint passed by ref to ReceiveFrom) is overwritten.
            if (IsCompared(reference) || IsReceivePlaceholder(reference))
            {
                return;
            }

            // Sent to (an endpoint, Send/Connect, directly or through a local): broadcast. IPAddress.None kept as a
            // value (assigned, returned, a ?? or ?: branch): a sentinel. Elsewhere — a list of special addresses, an
            // argument — neither is reported.
            string why;
            if (IsSendTarget(reference) || IsSendTargetThroughLocal(reference))
            {
                why = Broadcast;
            }
            else if (field.Name == "None" && IsKeptAsValue(reference))
            {
                why = NoneSentinel;
            }
            else
            {
                return;
            }

            Report(context, state, reference.Syntax, why, partial: true, allowCounterpart: why == Broadcast);
        }

        private static bool IsKeptAsValue(IOperation reference)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation)
            {
                reference = parent;
                parent = parent.Parent;
            }

            return parent switch
            {
                IVariableInitializerOperation or IFieldInitializerOperation or IPropertyInitializerOperation or IReturnOperation => true,
                ISimpleAssignmentOperation assignment => assignment.Value == reference,
                ICoalesceOperation coalesce => coalesce.WhenNull == reference,
                IConditionalOperation conditional => conditional.Condition != reference,
                _ => false,
            };
        }

        /// <summary><c>var target = IPAddress.Broadcast; … new IPEndPoint(target, port)</c>.</summary>
        private static bool IsSendTargetThroughLocal(IOperation reference)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return false;
            }

            foreach (var node in OperationHelpers.Root(reference).Descendants())
            {
                if (node is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, declarator.Symbol) && IsSendTarget(use))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsCompared(IOperation reference)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation)
            {
                reference = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals }:
                    return true;
                case IInvocationOperation { TargetMethod.Name: "Equals" or "ReferenceEquals" } equals when equals.Instance == reference:
                    return true;
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Equals" or "ReferenceEquals" or "Contains" or "IndexOf" } }:
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsReceivePlaceholder(IOperation reference)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is not IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: "IPEndPoint", Arguments.Length: 2 } endpoint })
            {
                return false;
            }

            if (OperationHelpers.SkipConversions(endpoint.Arguments[1].Value)?.ConstantValue is { HasValue: true, Value: 0 })
            {
                return true;
            }

            var holder = endpoint.Parent;
            while (holder is IConversionOperation)
            {
                holder = holder.Parent;
            }

            var local = holder switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
            if (local is null)
            {
                return false;
            }

            foreach (var node in OperationHelpers.Root(reference).Descendants())
            {
                if (node is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, local)
                    && use.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The address of an endpoint, or the address argument of Send/SendTo/Connect.</summary>
        private static bool IsSendTarget(IOperation reference)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: "IPEndPoint" } or IInvocationOperation { TargetMethod.Name: "Send" or "SendAsync" or "SendTo" or "SendToAsync" or "Connect" or "ConnectAsync" } };
        }

        // ---- EnableBroadcast / Ttl ----------------------------------------------------------------------------

        private static void AnalyzeAssignment(OperationAnalysisContext context, State state)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "EnableBroadcast" or "Ttl" } property || !IsSocketLike(property.Property.ContainingType, state.Symbols))
            {
                return;
            }

            if (property.Property.Name == "EnableBroadcast")
            {
                if (assignment.Value.ConstantValue is { HasValue: true, Value: true })
                {
                    Report(context, state, assignment.Syntax, Broadcast, partial: true, allowCounterpart: true);
                }

                return;
            }

            // Ttl: on a dual-stack socket Socket.Ttl sets the IPv6 hop limit only.
            var type = CompilationFacts.ContainingType(context.ContainingSymbol);
            var owner = new Owner(property.Instance, type, assignment, context.CancellationToken);
            if (SocketStack.Of(property.Instance, state.Facts, type, context.CancellationToken) == SocketStackKind.DualStack
                && !owner.SetsOption("IP", "IpTimeToLive"))
            {
                Report(context, state, assignment.Target.Syntax, TtlOnDualSocket, partial: true, allowCounterpart: false);
            }
        }

        // ---- SetSocketOption / JoinMulticastGroup ----------------------------------------------------------------

        private static void AnalyzeInvocation(OperationAnalysisContext context, State state)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "SetSocketOption" when NetSymbols.Is(method.ContainingType, state.Symbols.Socket) && invocation.Arguments.Length == 3:
                    AnalyzeSetSocketOption(context, state, invocation);
                    return;
                case "JoinMulticastGroup" when NetSymbols.Is(method.ContainingType, state.Symbols.UdpClient) && invocation.Arguments.Length >= 1:
                    AnalyzeJoin(context, state, invocation);
                    return;
            }
        }

        private static void AnalyzeSetSocketOption(OperationAnalysisContext context, State state, IInvocationOperation invocation)
        {
            var level = EnumName(Argument(invocation, 0));
            var option = EnumName(Argument(invocation, 1));
            if (level is null || option is null)
            {
                return;
            }

            if (level == "Socket" && option == "Broadcast")
            {
                var value = OperationHelpers.SkipConversions(Argument(invocation, 2))?.ConstantValue;
                if (value is { HasValue: true, Value: true } || (value is { HasValue: true, Value: int on } && on != 0))
                {
                    Report(context, state, invocation.Syntax, Broadcast, partial: true, allowCounterpart: true);
                }

                return;
            }

            // Memberships are reported at their MulticastOption; other IP-level options only matter on a dual socket.
            if (level != "IP" || option is "AddMembership" or "DropMembership")
            {
                return;
            }

            var type = CompilationFacts.ContainingType(context.ContainingSymbol);
            var owner = new Owner(invocation.Instance, type, invocation, context.CancellationToken);
            if (SocketStack.Of(invocation.Instance, state.Facts, type, context.CancellationToken) != SocketStackKind.DualStack
                || owner.SetsOption("IPv6", option)
                || (option == "IpTimeToLive" && (owner.SetsOption("IPv6", "HopLimit") || owner.AssignsTtl())))
            {
                return;
            }

            Report(context, state, invocation.Syntax, IPLevelOnDualSocket, partial: true, allowCounterpart: false);
        }

        private static void AnalyzeJoin(OperationAnalysisContext context, State state, IInvocationOperation invocation)
        {
            // JoinMulticastGroup(IPAddress group[, …]); the (int interfaceIndex, IPAddress group) overload is IPv6.
            var first = invocation.TargetMethod.Parameters[0];
            if (!NetSymbols.Is(first.Type, state.Symbols.IPAddress))
            {
                return;
            }

            var group = Argument(invocation, 0);
            var family = KnownAddressFamily.Of(group, state.Symbols);
            if (family == KnownFamily.IPv6)
            {
                return;
            }

            var type = CompilationFacts.ContainingType(context.ContainingSymbol);
            var stack = SocketStack.Of(invocation.Instance, state.Facts, type, context.CancellationToken);
            if (family == KnownFamily.IPv4 && stack is SocketStackKind.IPv6Only or SocketStackKind.DualStack)
            {
                Report(context, state, invocation.Syntax, MulticastOnIPv6Socket, partial: false, allowCounterpart: false);
                return;
            }

            // An unknown group on an IPv4 client is an IPv4 group.
            if (family == KnownFamily.IPv4 || stack == SocketStackKind.IPv4)
            {
                Report(context, state, invocation.Syntax, Multicast, partial: true, allowCounterpart: true);
            }
        }

        private static void AnalyzeMulticastOption(OperationAnalysisContext context, State state)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, state.MulticastOption))
            {
                return;
            }

            // SetSocketOption(level, name, new MulticastOption(...)).
            var parent = creation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "SetSocketOption" } setOption })
            {
                var level = EnumName(Argument(setOption, 0));
                if (level == "IPv6")
                {
                    Report(context, state, creation.Syntax, MulticastOptionAtIPv6Level, partial: false, allowCounterpart: false);
                    return;
                }

                if (EnumName(Argument(setOption, 1)) == "DropMembership")
                {
                    return;
                }
            }

            Report(context, state, creation.Syntax, Multicast, partial: true, allowCounterpart: true);
        }

        // ---- Shared --------------------------------------------------------------------------------------------

        /// <param name="partial">
        /// The behaviour works for IPv4 and misses IPv6: silent in IPv4-only protocols. Behaviour that throws
        /// (an IPv4 group on an IPv6 socket) is reported there too.
        /// </param>
        /// <param name="allowCounterpart">Silent when the type also uses IPv6 multicast, the IPv6 counterpart of broadcast and IPv4 groups.</param>
        private static void Report(SiteContext context, State state, SyntaxNode syntax, string why, bool partial, bool allowCounterpart)
        {
            if (FamilyGuards.IsGuarded(syntax))
            {
                return;
            }

            var type = CompilationFacts.ContainingType(context.ContainingSymbol);
            if (state.Facts.Options.For(syntax.SyntaxTree).IsIPv4OnlyType(type))
            {
                return;
            }

            if (partial && state.IsIPv4OnlyProtocol(type, syntax, context.CancellationToken))
            {
                return;
            }

            if (allowCounterpart && state.HasIPv6Counterpart(type, syntax, context.CancellationToken))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.GetLocation(), Display(syntax), why));
        }

        private static bool IsSocketLike(INamedTypeSymbol? type, NetSymbols symbols)
            => NetSymbols.Is(type, symbols.Socket) || NetSymbols.Is(type, symbols.UdpClient);

        private static string? EnumName(IOperation? value)
            => OperationHelpers.SkipConversions(value) is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field } ? field.Name : null;

        /// <summary>The socket an option is set on, and what else the type sets on that same socket (the IPv6 counterpart).</summary>
        private readonly struct Owner
        {
            private readonly ISymbol? symbol;
            private readonly INamedTypeSymbol? type;
            private readonly IOperation site;
            private readonly CancellationToken cancellationToken;

            public Owner(IOperation? receiver, INamedTypeSymbol? type, IOperation site, CancellationToken cancellationToken)
            {
                symbol = SocketStack.Owner(receiver);
                this.type = type;
                this.site = site;
                this.cancellationToken = cancellationToken;
            }

            /// <summary>SetSocketOption(SocketOptionLevel.{level}, SocketOptionName.{option}, …) on this socket somewhere in the type.</summary>
            public bool SetsOption(string level, string option)
            {
                foreach (var declaration in CompilationFacts.Declarations(type, site.Syntax))
                {
                    foreach (var node in Walks.Nodes(declaration, cancellationToken))
                    {
                        if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SetSocketOption" } access, ArgumentList.Arguments: { Count: >= 2 } arguments }
                            && LastName(arguments[0].Expression) == level && LastName(arguments[1].Expression) == option
                            && IsOwner(access.Expression))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>x.Ttl = … on this socket somewhere in the type.</summary>
            public bool AssignsTtl()
            {
                foreach (var declaration in CompilationFacts.Declarations(type, site.Syntax))
                {
                    foreach (var node in Walks.Nodes(declaration, cancellationToken))
                    {
                        if (node is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Ttl" } left } && IsOwner(left.Expression))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>Without a named owner (an inline socket) any socket of the type counts: the silent side.</summary>
            private bool IsOwner(ExpressionSyntax expression)
                => symbol is null || site.SemanticModel is not { } model || SocketStack.Names(expression, symbol, model);
        }

        private static string? TypeName(TypeSyntax type)
            => type switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => null,
            };

        private static string? LastName(ExpressionSyntax expression)
            => expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                _ => null,
            };

        /// <summary>
        /// The type uses a port of an IPv4-only protocol: a literal 67/68 (DHCPv4), 137–139 (NetBIOS), 5351 (NAT-PMP),
        /// 9 (Wake-on-LAN), or 1900/5353 (SSDP/mDNS) without an IPv6 group, written where a port goes (an endpoint
        /// or client constructor, Connect/Send/Bind, a named port argument, a variable or constant named *port*).
        /// </summary>
        private static bool UsesIPv4OnlyPort(IEnumerable<SyntaxNode> declarations, bool usesIPv6Multicast, CancellationToken cancellationToken)
        {
            foreach (var declaration in declarations)
            {
                foreach (var token in Walks.Tokens(declaration, cancellationToken))
                {
                    if (!token.IsKind(SyntaxKind.NumericLiteralToken) || token.Value is not int port)
                    {
                        continue;
                    }

                    var ipv4Only = port is 9 or 67 or 68 or 137 or 138 or 139 or 5351 || (port is 1900 or 5353 && !usesIPv6Multicast);
                    if (ipv4Only && token.Parent is LiteralExpressionSyntax literal && IsPortPosition(literal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsPortPosition(ExpressionSyntax literal)
        {
            switch (literal.Parent)
            {
                case ArgumentSyntax argument:
                    if (argument.NameColon is { } nameColon)
                    {
                        return nameColon.Name.Identifier.ValueText.IndexOf("port", StringComparison.OrdinalIgnoreCase) >= 0;
                    }

                    return argument.Parent?.Parent switch
                    {
                        ObjectCreationExpressionSyntax creation => TypeName(creation.Type) is "IPEndPoint" or "UdpClient" or "TcpClient" or "TcpListener",
                        ImplicitObjectCreationExpressionSyntax => true,
                        InvocationExpressionSyntax invocation => LastName(invocation.Expression) is "Connect" or "ConnectAsync" or "Send" or "SendAsync" or "SendTo" or "SendToAsync" or "Bind" or "Create",
                        _ => false,
                    };
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                    return declarator.Identifier.ValueText.IndexOf("port", StringComparison.OrdinalIgnoreCase) >= 0;
                case AssignmentExpressionSyntax { Left: var left }:
                    return LastName(left)?.IndexOf("port", StringComparison.OrdinalIgnoreCase) >= 0;
                default:
                    return false;
            }
        }

        private static IOperation? Argument(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static string Display(SyntaxNode syntax)
        {
            var text = syntax.ToString();
            var newline = text.IndexOfAny(new[] { '\r', '\n' });
            if (newline >= 0)
            {
                text = text.Substring(0, newline).TrimEnd() + " …";
            }

            return text.Length > 80 ? text.Substring(0, 77) + "…" : text;
        }
    }
}
