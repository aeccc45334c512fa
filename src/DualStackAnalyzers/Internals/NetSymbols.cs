using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// The networking types of one compilation, resolved once in a compilation-start action
    /// (GetTypeByMetadataName is too slow for a per-node callback). A null type means the
    /// compilation cannot use it, so the rules that need it register nothing. One instance per compilation is shared
    /// by every rule (and fixer): each lookup scans every referenced assembly, and twenty rules resolving the same
    /// types twenty times cost more than all their callbacks.
    /// </summary>
    internal sealed partial class NetSymbols
    {
        /// <summary>Per compilation, weakly: the state of one compilation, collected with it.</summary>
        private static readonly ConditionalWeakTable<Compilation, Resolved> PerCompilation = new ConditionalWeakTable<Compilation, Resolved>();

        private CompilationFacts? sharedFacts;

        private NetSymbols(Compilation compilation, INamedTypeSymbol ipAddress)
        {
            Compilation = compilation;
            IPAddress = ipAddress;
            IPEndPoint = compilation.GetTypeByMetadataName("System.Net.IPEndPoint");
            EndPoint = compilation.GetTypeByMetadataName("System.Net.EndPoint");
            Socket = compilation.GetTypeByMetadataName("System.Net.Sockets.Socket");
            TcpListener = compilation.GetTypeByMetadataName("System.Net.Sockets.TcpListener");
            TcpClient = compilation.GetTypeByMetadataName("System.Net.Sockets.TcpClient");
            UdpClient = compilation.GetTypeByMetadataName("System.Net.Sockets.UdpClient");
            AddressFamily = compilation.GetTypeByMetadataName("System.Net.Sockets.AddressFamily");
            SocketType = compilation.GetTypeByMetadataName("System.Net.Sockets.SocketType");
            ProtocolType = compilation.GetTypeByMetadataName("System.Net.Sockets.ProtocolType");
            KestrelServerOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions");

            IPAddressAny = Field(IPAddress, "Any");
            IPAddressIPv6Any = Field(IPAddress, "IPv6Any");
            IPAddressIPv6None = Field(IPAddress, "IPv6None");
            IPAddressLoopback = Field(IPAddress, "Loopback");
            IPAddressIPv6Loopback = Field(IPAddress, "IPv6Loopback");
        }

        public Compilation Compilation { get; }
        public INamedTypeSymbol IPAddress { get; }
        public INamedTypeSymbol? IPEndPoint { get; }
        public INamedTypeSymbol? EndPoint { get; }
        public INamedTypeSymbol? Socket { get; }
        public INamedTypeSymbol? TcpListener { get; }
        public INamedTypeSymbol? TcpClient { get; }
        public INamedTypeSymbol? UdpClient { get; }
        public INamedTypeSymbol? AddressFamily { get; }
        public INamedTypeSymbol? SocketType { get; }
        public INamedTypeSymbol? ProtocolType { get; }
        public INamedTypeSymbol? KestrelServerOptions { get; }

        public IFieldSymbol? IPAddressAny { get; }
        public IFieldSymbol? IPAddressIPv6Any { get; }
        public IFieldSymbol? IPAddressIPv6None { get; }
        public IFieldSymbol? IPAddressLoopback { get; }
        public IFieldSymbol? IPAddressIPv6Loopback { get; }

        /// <summary>Null when System.Net.IPAddress is not referenced: no networking rule can fire then.</summary>
        public static NetSymbols? TryCreate(Compilation compilation)
            => PerCompilation.GetValue(compilation, c => new Resolved(Create(c))).Symbols;

        private static NetSymbols? Create(Compilation compilation)
        {
            var ipAddress = compilation.GetTypeByMetadataName("System.Net.IPAddress");
            return ipAddress is null ? null : new NetSymbols(compilation, ipAddress);
        }

        /// <summary>The facts every rule of one analysis shares (the first rule to start creates them).</summary>
        internal CompilationFacts SharedFacts(System.Func<NetSymbols, CompilationFacts> create, System.Func<CompilationFacts, bool> fits)
        {
            var existing = Volatile.Read(ref sharedFacts);
            if (existing is not null)
            {
                return fits(existing) ? existing : create(this);
            }

            var created = create(this);
            existing = Interlocked.CompareExchange(ref sharedFacts, created, null);
            return existing is null || !fits(existing) ? created : existing;
        }

        private sealed class Resolved
        {
            public Resolved(NetSymbols? symbols)
            {
                Symbols = symbols;
            }

            public NetSymbols? Symbols { get; }
        }

        /// <summary>True when <paramref name="type"/> has a member of that name and arity (checks an API a fix would emit).</summary>
        public static bool HasMethod(INamedTypeSymbol? type, string name, int parameterCount, bool isStatic)
            => type is not null && type.GetMembers(name).OfType<IMethodSymbol>()
                .Any(m => m.IsStatic == isStatic && m.Parameters.Length == parameterCount && m.DeclaredAccessibility == Accessibility.Public);

        public static bool HasMember(INamedTypeSymbol? type, string name)
            => type is not null && !type.GetMembers(name).IsEmpty;

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

        private static IFieldSymbol? Field(INamedTypeSymbol type, string name)
            => type.GetMembers(name).OfType<IFieldSymbol>().FirstOrDefault();

        public static ImmutableArray<IMethodSymbol> Methods(INamedTypeSymbol? type, string name)
            => type is null ? ImmutableArray<IMethodSymbol>.Empty : type.GetMembers(name).OfType<IMethodSymbol>().ToImmutableArray();
    }
}
