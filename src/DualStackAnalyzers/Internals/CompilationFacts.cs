using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Internals
{
    /// <summary>What every rule needs to know about one compilation: symbols, target, options, per-type traits.</summary>
    internal sealed class CompilationFacts
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, TypeTraits> traits = new ConcurrentDictionary<INamedTypeSymbol, TypeTraits>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<SyntaxTree, TypeTraits> topLevelTraits = new ConcurrentDictionary<SyntaxTree, TypeTraits>();
        private readonly ConcurrentDictionary<INamedTypeSymbol, TraitWords> words = new ConcurrentDictionary<INamedTypeSymbol, TraitWords>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<SyntaxTree, TraitWords> topLevelWords = new ConcurrentDictionary<SyntaxTree, TraitWords>();
        private readonly AnalyzerOptions analyzerOptions;
        private TargetFramework? target;
        private bool? isTestProject;

        private CompilationFacts(NetSymbols symbols, AnalyzerOptions analyzerOptions)
        {
            Symbols = symbols;
            this.analyzerOptions = analyzerOptions;
            Options = new DualStackOptions.Cache(analyzerOptions.AnalyzerConfigOptionsProvider);
        }

        public NetSymbols Symbols { get; }

        public DualStackOptions.Cache Options { get; }

        public TargetFramework Target => target ??= TargetFramework.From(Symbols.Compilation, analyzerOptions);

        /// <summary>
        /// MSBuild says IsTestProject=true (the package makes it compiler-visible), or the project references
        /// xunit, NUnit, MSTest or TUnit. Computed once per compilation.
        /// </summary>
        public bool IsTestProject => isTestProject ??= DetectTestProject(Symbols.Compilation, analyzerOptions);

        internal static bool DetectTestProject(Compilation compilation, AnalyzerOptions options)
        {
            if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.IsTestProject", out var value)
                && string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            foreach (var assembly in compilation.ReferencedAssemblyNames)
            {
                switch (assembly.Name)
                {
                    case "xunit.core":
                    case "xunit.assert":
                    case "xunit.v3.core":
                    case "xunit.v3.assert":
                    case "nunit.framework":
                    case "Microsoft.VisualStudio.TestPlatform.TestFramework":
                    case "MSTest.TestFramework":
                    case "TUnit.Core":
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The facts of the compilation, shared by every rule that starts on it with the same options: symbols are
        /// resolved once and per-type traits computed once for all rules.
        /// </summary>
        public static CompilationFacts? TryCreate(Compilation compilation, AnalyzerOptions options)
            => NetSymbols.TryCreate(compilation)?.SharedFacts(symbols => new CompilationFacts(symbols, options), facts => ReferenceEquals(facts.analyzerOptions, options));

        /// <summary>Declarations of the type that holds <paramref name="node"/>; the compilation unit for top-level statements.</summary>
        public static IEnumerable<SyntaxNode> Declarations(INamedTypeSymbol? type, SyntaxNode node)
        {
            if (type is not null && !type.IsImplicitlyDeclared && type.DeclaringSyntaxReferences.Length > 0)
            {
                return type.DeclaringSyntaxReferences.Select(r => r.GetSyntax());
            }

            return new[] { node.SyntaxTree.GetRoot() };
        }

        public TypeTraits TraitsOf(INamedTypeSymbol? type, SyntaxNode node, CancellationToken cancellationToken = default)
            => PerType(traits, topLevelTraits, type, node, declarations => TypeTraits.Compute(declarations, cancellationToken));

        /// <summary>
        /// The traits of the type that holds <paramref name="node"/>, or null when its text shows it has none of
        /// <paramref name="needed"/>. Rules ask at every candidate site; most types never mention what they ask about,
        /// and a text search says so without the syntax walk of <see cref="TraitsOf"/>.
        /// </summary>
        private TypeTraits? TraitsIfAny(TraitWords needed, INamedTypeSymbol? type, SyntaxNode node, CancellationToken cancellationToken = default)
            => (PerType(words, topLevelWords, type, node, declarations => TypeTraits.WordsIn(declarations, cancellationToken)) & needed) != 0
                ? TraitsOf(type, node, cancellationToken)
                : null;

        /// <summary>Does the type use IPv6 multicast (IPv6MulticastOption, an ff0x:: group)?</summary>
        public bool UsesIPv6Multicast(INamedTypeSymbol? type, SyntaxNode node, CancellationToken cancellationToken = default)
            => TraitsIfAny(TraitWords.Protocol, type, node, cancellationToken)?.UsesIPv6Multicast == true;

        /// <summary>Does the type create a <paramref name="typeName"/> (Socket, UdpClient, TcpClient) with AddressFamily.InterNetworkV6?</summary>
        public bool CreatesWithIPv6Family(INamedTypeSymbol? type, SyntaxNode node, string typeName, CancellationToken cancellationToken = default)
            => TraitsIfAny(TraitWords.IPv6Family, type, node, cancellationToken)?.CreatesWithIPv6Family(typeName) == true;

        /// <summary>Is there an IPv6 bind of <paramref name="kind"/> whose port is written <paramref name="portText"/> in the type?</summary>
        public bool HasIPv6Bind(INamedTypeSymbol? type, SyntaxNode node, WellKnownAddress kind, string portText, CancellationToken cancellationToken = default)
            => TraitsIfAny(kind == WellKnownAddress.IPv6Loopback ? TraitWords.IPv6LoopbackBind : TraitWords.IPv6AnyBind, type, node, cancellationToken)?.HasIPv6Bind(kind, portText) == true;

        /// <summary>
        /// rules.md "IPv4-only protocols": the type uses broadcast or IPv4 multicast, is named by
        /// dualstack.ipv4_only_types, or the port belongs to an IPv4-only protocol.
        /// </summary>
        public bool IsIPv4OnlyProtocol(INamedTypeSymbol? type, int? port, SyntaxNode node, CancellationToken cancellationToken = default)
        {
            if (Options.For(node.SyntaxTree).IsIPv4OnlyType(type))
            {
                return true;
            }

            var typeTraits = TraitsIfAny(TraitWords.Protocol, type, node, cancellationToken);
            if (typeTraits?.SpeaksIPv4OnlyProtocol == true)
            {
                return true;
            }

            switch (port)
            {
                case 9: // Wake-on-LAN
                case 67: // DHCPv4
                case 68:
                case 137: // NetBIOS
                case 138:
                case 139:
                case 5351: // NAT-PMP
                    return true;
                case 1900: // SSDP
                case 5353: // mDNS
                    return typeTraits?.UsesIPv6Multicast != true;
                default:
                    return false;
            }
        }

        /// <summary>A fact of the type that holds <paramref name="node"/> (the file, for top-level code), computed once.</summary>
        private static T PerType<T>(ConcurrentDictionary<INamedTypeSymbol, T> perType, ConcurrentDictionary<SyntaxTree, T> perFile, INamedTypeSymbol? type, SyntaxNode node, Func<IEnumerable<SyntaxNode>, T> compute)
        {
            if (type is not null && !type.IsImplicitlyDeclared && type.DeclaringSyntaxReferences.Length > 0)
            {
                return perType.GetOrAdd(type, t => compute(Declarations(t, node)));
            }

            return perFile.GetOrAdd(node.SyntaxTree, tree => compute(new[] { tree.GetRoot() }));
        }

        /// <summary>The type that contains the analyzed code (top-level statements: the synthesized Program).</summary>
        public static INamedTypeSymbol? ContainingType(ISymbol symbol)
            => symbol as INamedTypeSymbol ?? symbol.ContainingType;

        public static bool IsTopLevel(SyntaxNode node) => node.FirstAncestorOrSelf<GlobalStatementSyntax>() is not null;
    }
}
