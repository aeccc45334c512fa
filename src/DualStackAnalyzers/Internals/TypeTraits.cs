using System;
using System.Collections.Generic;
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

        public static TypeTraits Compute(IEnumerable<SyntaxNode> declarations)
        {
            var traits = new TypeTraits();
            foreach (var declaration in declarations)
            {
                foreach (var node in declaration.DescendantNodes())
                {
                    switch (node)
                    {
                        case IdentifierNameSyntax identifier:
                            traits.Observe(identifier);
                            break;
                        case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                            traits.ObserveLiteral(literal.Token.ValueText);
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
                case "Broadcast":
                    UsesBroadcast = true;
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
            }
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

            ipv6Binds.Add((kind, Normalize(list.Arguments[1].Expression)));
        }

        public static string Normalize(SyntaxNode expression) => expression.WithoutTrivia().ToString().Replace(" ", string.Empty);
    }
}
