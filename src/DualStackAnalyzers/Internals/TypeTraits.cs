using System;
using System.Collections.Generic;
using System.Threading;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// What a type's source says about its protocol (broadcast, IPv4/IPv6 multicast) and which IPv6 binds it makes.
    /// Read from syntax once per type, and only when a rule is about to report in it.
    /// </summary>
    internal sealed class TypeTraits
    {
        private readonly List<(WellKnownAddress Kind, string Port)> ipv6Binds = new List<(WellKnownAddress, string)>();
        private readonly List<(string Port, SyntaxNode Node)> ipv4AnyBinds = new List<(string, SyntaxNode)>();
        private readonly HashSet<string> ipv6FamilyCreations = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<SyntaxNode, bool> dualModeMembers = new Dictionary<SyntaxNode, bool>();

        public bool UsesBroadcast { get; private set; }

        public bool UsesIPv4Multicast { get; private set; }

        public bool UsesIPv6Multicast { get; private set; }

        /// <summary>Broadcast or IPv4 multicast: an IPv4-only protocol (rules.md, Never flag).</summary>
        public bool SpeaksIPv4OnlyProtocol => UsesBroadcast || (UsesIPv4Multicast && !UsesIPv6Multicast);

        /// <summary>Is there an IPv6 bind of this kind whose port is written the same way?</summary>
        public bool HasIPv6Bind(WellKnownAddress kind, string portText)
        {
            foreach (var bind in ipv6Binds)
            {
                if (bind.Kind == kind && bind.Port == portText)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Is there an IPv4 wildcard bind of this port (written the same way) that can run together with
        /// <paramref name="ipv6Bind"/>? Binds in exclusive branches (if/else, ?:, try/catch, switch sections) are
        /// alternatives, not a pair: the IPv6 one alone is still IPv6-only.
        /// </summary>
        public bool HasIPv4AnyBindAlongside(string portText, SyntaxNode ipv6Bind)
        {
            foreach (var bind in ipv4AnyBinds)
            {
                if (bind.Port == portText && !AreExclusive(bind.Node, ipv6Bind))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>What the walk found, as the words <see cref="WordsIn"/> must have seen for it.</summary>
        public TraitWords Found
            => (UsesBroadcast || UsesIPv4Multicast || UsesIPv6Multicast ? TraitWords.Protocol : TraitWords.None)
                | (ipv6Binds.Exists(b => b.Kind == WellKnownAddress.IPv6Any) ? TraitWords.IPv6AnyBind : TraitWords.None)
                | (ipv6Binds.Exists(b => b.Kind == WellKnownAddress.IPv6Loopback) ? TraitWords.IPv6LoopbackBind : TraitWords.None)
                | (ipv6FamilyCreations.Count > 0 ? TraitWords.IPv6Family : TraitWords.None);

        /// <summary>Does the type create a <paramref name="typeName"/> (Socket, UdpClient, TcpClient) with AddressFamily.InterNetworkV6?</summary>
        public bool CreatesWithIPv6Family(string typeName) => ipv6FamilyCreations.Contains(typeName);

        /// <summary>
        /// Which traits the declarations' source can have at all, by a text search for the words every name and literal
        /// behind them contains: far cheaper than the syntax walk of <see cref="Compute"/>, which builds a node for every
        /// piece of the type, and most types a rule asks about mention none of them.
        /// </summary>
        public static TraitWords WordsIn(IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken = default)
        {
            var words = TraitWords.None;
            foreach (var declaration in declarations)
            {
                var text = declaration.SyntaxTree.GetText(cancellationToken).ToString(declaration.Span);

                // EnableBroadcast, Broadcast, MulticastOption, JoinMulticastGroup, IPv6MulticastOption, AddMembership,
                // 255.255.255.255 and ff0x:: literals (ObserveLiteral).
                if (text.IndexOf("Broadcast", StringComparison.Ordinal) >= 0
                    || text.IndexOf("Multicast", StringComparison.Ordinal) >= 0
                    || text.IndexOf("AddMembership", StringComparison.Ordinal) >= 0
                    || text.IndexOf("255.255.255.255", StringComparison.Ordinal) >= 0
                    || text.IndexOf("ff0", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    words |= TraitWords.Protocol;
                }

                var family = text.IndexOf("InterNetworkV6", StringComparison.Ordinal) >= 0;
                if (family)
                {
                    words |= TraitWords.IPv6Family;
                }

                // IPAddress.IPv6Any / IPv6None, or new UdpClient(port, AddressFamily.InterNetworkV6).
                if (family || text.IndexOf("IPv6Any", StringComparison.Ordinal) >= 0 || text.IndexOf("IPv6None", StringComparison.Ordinal) >= 0)
                {
                    words |= TraitWords.IPv6AnyBind;
                }

                if (text.IndexOf("IPv6Loopback", StringComparison.Ordinal) >= 0)
                {
                    words |= TraitWords.IPv6LoopbackBind;
                }
            }

            return words;
        }

        public static TypeTraits Compute(IEnumerable<SyntaxNode> declarations, CancellationToken cancellationToken = default)
        {
            var traits = new TypeTraits();
            foreach (var declaration in declarations)
            {
                foreach (var node in Walks.Nodes(declaration, cancellationToken))
                {
                    switch (node)
                    {
                        case IdentifierNameSyntax identifier:
                            traits.Observe(identifier);
                            break;
                        case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                            traits.ObserveLiteral(literal.Token.ValueText);
                            break;
                        case ObjectCreationExpressionSyntax creation:
                            traits.ObserveCreation(creation);
                            break;
                    }
                }
            }

            return traits;
        }

        private void Observe(IdentifierNameSyntax identifier)
        {
            switch (identifier.Identifier.ValueText)
            {
                case "EnableBroadcast":
                    UsesBroadcast = true;
                    break;
                case "Broadcast":
                    // IPAddress.Broadcast or SocketOptionName.Broadcast, not a chat server's Broadcast() method.
                    if (identifier.Parent is MemberAccessExpressionSyntax { Expression: var owner } access && access.Name == identifier
                        && owner.ToString() is var ownerText
                        && (ownerText.EndsWith("IPAddress", StringComparison.Ordinal) || ownerText.EndsWith("SocketOptionName", StringComparison.Ordinal)))
                    {
                        UsesBroadcast = true;
                    }

                    break;
                case "MulticastOption":
                case "JoinMulticastGroup":
                case "AddMembership":
                    UsesIPv4Multicast = true;
                    break;
                case "IPv6MulticastOption":
                    UsesIPv6Multicast = true;
                    break;
                case "IPv6Any":
                case "IPv6None":
                    AddIPv6Bind(identifier, WellKnownAddress.IPv6Any);
                    break;
                case "IPv6Loopback":
                    AddIPv6Bind(identifier, WellKnownAddress.IPv6Loopback);
                    break;
                case "Any":
                    AddIPv4AnyBind(identifier);
                    break;
            }
        }

        /// <summary>
        /// Sockets created for one family: <c>new UdpClient(port, family)</c> binds in its constructor, and
        /// <c>new UdpClient(port)</c> / <c>new TcpListener(port)</c> bind 0.0.0.0.
        /// </summary>
        private void ObserveCreation(ObjectCreationExpressionSyntax creation)
        {
            var typeName = creation.Type switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                _ => null,
            };
            if (typeName is not ("Socket" or "UdpClient" or "TcpClient" or "TcpListener") || creation.ArgumentList is not { } list)
            {
                return;
            }

            var arguments = list.Arguments;
            var dualMode = InDualModeMember(creation);
            foreach (var argument in arguments)
            {
                if (FamilyName(argument.Expression) == "InterNetworkV6" && !dualMode)
                {
                    ipv6FamilyCreations.Add(typeName);
                }
            }

            if (typeName == "UdpClient" && arguments.Count == 2)
            {
                var family = FamilyName(arguments[1].Expression);
                if (family == "InterNetworkV6" && !dualMode)
                {
                    ipv6Binds.Add((WellKnownAddress.IPv6Any, Normalize(arguments[0].Expression)));
                }
                else if (family == "InterNetwork")
                {
                    AddIPv4AnyBind(Normalize(arguments[0].Expression), creation);
                }
            }
            else if (typeName is "UdpClient" or "TcpListener" && arguments.Count == 1
                && FamilyName(arguments[0].Expression) is null && arguments[0].Expression is not ObjectCreationExpressionSyntax)
            {
                // A port, or an endpoint local: as an endpoint its text never equals an IPv6 bind's port text.
                AddIPv4AnyBind(Normalize(arguments[0].Expression), creation);
            }
        }

        /// <summary>
        /// An IPv6 socket made in a member that turns dual mode on is dual, not the IPv6 half of a per-family pair
        /// (our own fixes' helpers are such members).
        /// </summary>
        private bool InDualModeMember(SyntaxNode node)
        {
            var member = node.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax or CompilationUnitSyntax);
            if (member is null)
            {
                return false;
            }

            if (!dualModeMembers.TryGetValue(member, out var result))
            {
                result = member.DescendantNodes().OfType<AssignmentExpressionSyntax>()
                    .Any(a => a.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "DualMode" } && a.Right.IsKind(SyntaxKind.TrueLiteralExpression));
                dualModeMembers[member] = result;
            }

            return result;
        }

        private static string? FamilyName(ExpressionSyntax expression)
            => expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } && name is "InterNetwork" or "InterNetworkV6" ? name : null;

        /// <summary>IPAddress.Any as the address argument of a bind or endpoint: record the port argument's text.</summary>
        private void AddIPv4AnyBind(IdentifierNameSyntax identifier)
        {
            if (identifier.Parent is not MemberAccessExpressionSyntax access || access.Name != identifier
                || access.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax list } argument || list.Arguments.Count < 2 || list.Arguments[0] != argument)
            {
                return;
            }

            AddIPv4AnyBind(Normalize(list.Arguments[1].Expression), access);
        }

        /// <summary>
        /// An IPv4 bind that is the fallback of a dual-stack construction (under an OSSupportsIPv6 test, or in a member
        /// that turns dual mode on, like our own fixes' helpers) is not the IPv4 half of a per-family pair.
        /// </summary>
        private void AddIPv4AnyBind(string port, SyntaxNode node)
        {
            if (InDualModeMember(node))
            {
                return;
            }

            for (var current = node.Parent; current is not null && current is not MemberDeclarationSyntax; current = current.Parent)
            {
                var condition = current switch
                {
                    IfStatementSyntax ifStatement => ifStatement.Condition,
                    ConditionalExpressionSyntax conditional => conditional.Condition,
                    _ => null,
                };
                if (condition is not null && condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == "OSSupportsIPv6"))
                {
                    return;
                }
            }

            ipv4AnyBinds.Add((port, node));
        }

        /// <summary>Two nodes in different arms of one if/else, conditional, try/catch or switch never run together.</summary>
        internal static bool AreExclusive(SyntaxNode a, SyntaxNode b)
        {
            if (a.SyntaxTree != b.SyntaxTree)
            {
                return false;
            }

            // The first ancestor of a that also contains b is their common ancestor: only a branching one separates them.
            var common = a.Parent;
            while (common is not null && !common.Span.Contains(b.Span))
            {
                common = common.Parent;
            }

            IEnumerable<SyntaxNode>? arms = common switch
            {
                IfStatementSyntax { Else: { } elseClause } ifStatement => new SyntaxNode[] { ifStatement.Statement, elseClause },
                ConditionalExpressionSyntax conditional => new SyntaxNode[] { conditional.WhenTrue, conditional.WhenFalse },
                TryStatementSyntax tryStatement => new SyntaxNode[] { tryStatement.Block }.Concat(tryStatement.Catches),
                SwitchStatementSyntax switchStatement => switchStatement.Sections,
                SwitchExpressionSyntax switchExpression => switchExpression.Arms,
                _ => null,
            };
            if (arms is null)
            {
                return false;
            }

            int armOfA = -1, armOfB = -1, index = 0;
            foreach (var arm in arms)
            {
                if (arm.Span.Contains(a.Span))
                {
                    armOfA = index;
                }

                if (arm.Span.Contains(b.Span))
                {
                    armOfB = index;
                }

                index++;
            }

            return armOfA >= 0 && armOfB >= 0 && armOfA != armOfB;
        }

        private void ObserveLiteral(string text)
        {
            if (text.Length == 0 || text.Length > 45)
            {
                return;
            }

            if (text == "255.255.255.255")
            {
                UsesBroadcast = true;
            }
            else if (text.StartsWith("ff0", StringComparison.OrdinalIgnoreCase) && text.IndexOf(':') > 0)
            {
                UsesIPv6Multicast = true;
            }
        }

        /// <summary>IPv6Any as the address argument of a bind: record the port argument's text.</summary>
        private void AddIPv6Bind(IdentifierNameSyntax identifier, WellKnownAddress kind)
        {
            SyntaxNode expression = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
            if (expression.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax list } argument || list.Arguments.Count < 2 || list.Arguments[0] != argument)
            {
                return;
            }

            if (!InDualModeMember(identifier))
            {
                ipv6Binds.Add((kind, Normalize(list.Arguments[1].Expression)));
            }
        }

        /// <summary>The expression's text without spaces (ToString already leaves out the outer trivia).</summary>
        public static string Normalize(SyntaxNode expression) => expression.ToString().Replace(" ", string.Empty);
    }

    /// <summary>What a type's text can hold (<see cref="TypeTraits.WordsIn"/>): a trait whose words are absent is absent.</summary>
    [Flags]
    internal enum TraitWords
    {
        None = 0,

        /// <summary>Broadcast or multicast (<see cref="TypeTraits.UsesBroadcast"/> and the multicast flags).</summary>
        Protocol = 1,

        /// <summary>An IPv6 wildcard bind (<see cref="TypeTraits.HasIPv6Bind"/> with IPv6Any).</summary>
        IPv6AnyBind = 2,

        /// <summary>An IPv6 loopback bind (<see cref="TypeTraits.HasIPv6Bind"/> with IPv6Loopback).</summary>
        IPv6LoopbackBind = 4,

        /// <summary>A socket created for InterNetworkV6 (<see cref="TypeTraits.CreatesWithIPv6Family"/>).</summary>
        IPv6Family = 8,
    }
}
