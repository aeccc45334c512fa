using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualStackAnalyzers.Internals
{
    /// <summary>Types and members of the IPv4-only API rules (DS0012–DS0015), resolved on first use.</summary>
    internal sealed partial class NetSymbols
    {
        private readonly LazyType bitConverter = new LazyType("System.BitConverter");
        private readonly LazyType binaryPrimitives = new LazyType("System.Buffers.Binary.BinaryPrimitives");
        private readonly LazyType buffer = new LazyType("System.Buffer");
        private readonly LazyType multicastOption = new LazyType("System.Net.Sockets.MulticastOption");
        private readonly LazyType socketOptionLevel = new LazyType("System.Net.Sockets.SocketOptionLevel");
        private readonly LazyType socketOptionName = new LazyType("System.Net.Sockets.SocketOptionName");
        private readonly LazyType appContext = new LazyType("System.AppContext");
        private readonly LazyType environment = new LazyType("System.Environment");
        private readonly LazyType regex = new LazyType("System.Text.RegularExpressions.Regex");
        private readonly LazyType regexMatch = new LazyType("System.Text.RegularExpressions.Match");
        private readonly LazyType generatedRegexAttribute = new LazyType("System.Text.RegularExpressions.GeneratedRegexAttribute");
        private readonly LazyType regularExpressionAttribute = new LazyType("System.ComponentModel.DataAnnotations.RegularExpressionAttribute");
        private IPropertySymbol? ipAddressAddress;
        private IPropertySymbol? ipAddressAddressFamily;

        public INamedTypeSymbol? BitConverter => bitConverter.Get(Compilation);

        public INamedTypeSymbol? BinaryPrimitives => binaryPrimitives.Get(Compilation);

        public INamedTypeSymbol? Buffer => buffer.Get(Compilation);

        public INamedTypeSymbol? MulticastOption => multicastOption.Get(Compilation);

        public INamedTypeSymbol? SocketOptionLevel => socketOptionLevel.Get(Compilation);

        public INamedTypeSymbol? SocketOptionName => socketOptionName.Get(Compilation);

        public INamedTypeSymbol? AppContext => appContext.Get(Compilation);

        public INamedTypeSymbol? Environment => environment.Get(Compilation);

        public INamedTypeSymbol? Regex => regex.Get(Compilation);

        public INamedTypeSymbol? RegexMatch => regexMatch.Get(Compilation);

        public INamedTypeSymbol? GeneratedRegexAttribute => generatedRegexAttribute.Get(Compilation);

        public INamedTypeSymbol? RegularExpressionAttribute => regularExpressionAttribute.Get(Compilation);

        /// <summary>The obsolete <c>long IPAddress.Address</c> (IPv4 only; throws for IPv6).</summary>
        public IPropertySymbol? IPAddressAddress => ipAddressAddress ??= IPAddress.GetMembers("Address").OfType<IPropertySymbol>()
            .FirstOrDefault(p => p.Type.SpecialType == SpecialType.System_Int64);

        public IPropertySymbol? IPAddressAddressFamily => ipAddressAddressFamily ??= IPAddress.GetMembers("AddressFamily").OfType<IPropertySymbol>().FirstOrDefault();
    }
}
