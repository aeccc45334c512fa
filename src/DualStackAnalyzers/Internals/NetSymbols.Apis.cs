using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualStackAnalyzers.Internals
{
    /// <summary>Types and members of the IPv4-only API rules (DS0012–DS0015), resolved on first use.</summary>
    internal sealed partial class NetSymbols
    {
        private INamedTypeSymbol? bitConverter;
        private INamedTypeSymbol? binaryPrimitives;
        private INamedTypeSymbol? buffer;
        private INamedTypeSymbol? multicastOption;
        private INamedTypeSymbol? socketOptionLevel;
        private INamedTypeSymbol? socketOptionName;
        private INamedTypeSymbol? appContext;
        private INamedTypeSymbol? environment;
        private INamedTypeSymbol? regex;
        private INamedTypeSymbol? regexMatch;
        private INamedTypeSymbol? generatedRegexAttribute;
        private INamedTypeSymbol? regularExpressionAttribute;
        private IPropertySymbol? ipAddressAddress;
        private IPropertySymbol? ipAddressAddressFamily;

        public INamedTypeSymbol? BitConverter => bitConverter ??= Compilation.GetTypeByMetadataName("System.BitConverter");

        public INamedTypeSymbol? BinaryPrimitives => binaryPrimitives ??= Compilation.GetTypeByMetadataName("System.Buffers.Binary.BinaryPrimitives");

        public INamedTypeSymbol? Buffer => buffer ??= Compilation.GetTypeByMetadataName("System.Buffer");

        public INamedTypeSymbol? MulticastOption => multicastOption ??= Compilation.GetTypeByMetadataName("System.Net.Sockets.MulticastOption");

        public INamedTypeSymbol? SocketOptionLevel => socketOptionLevel ??= Compilation.GetTypeByMetadataName("System.Net.Sockets.SocketOptionLevel");

        public INamedTypeSymbol? SocketOptionName => socketOptionName ??= Compilation.GetTypeByMetadataName("System.Net.Sockets.SocketOptionName");

        public INamedTypeSymbol? AppContext => appContext ??= Compilation.GetTypeByMetadataName("System.AppContext");

        public INamedTypeSymbol? Environment => environment ??= Compilation.GetTypeByMetadataName("System.Environment");

        public INamedTypeSymbol? Regex => regex ??= Compilation.GetTypeByMetadataName("System.Text.RegularExpressions.Regex");

        public INamedTypeSymbol? RegexMatch => regexMatch ??= Compilation.GetTypeByMetadataName("System.Text.RegularExpressions.Match");

        public INamedTypeSymbol? GeneratedRegexAttribute => generatedRegexAttribute ??= Compilation.GetTypeByMetadataName("System.Text.RegularExpressions.GeneratedRegexAttribute");

        public INamedTypeSymbol? RegularExpressionAttribute => regularExpressionAttribute ??= Compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.RegularExpressionAttribute");

        /// <summary>The obsolete <c>long IPAddress.Address</c> (IPv4 only; throws for IPv6).</summary>
        public IPropertySymbol? IPAddressAddress => ipAddressAddress ??= IPAddress.GetMembers("Address").OfType<IPropertySymbol>()
            .FirstOrDefault(p => p.Type.SpecialType == SpecialType.System_Int64);

        public IPropertySymbol? IPAddressAddressFamily => ipAddressAddressFamily ??= IPAddress.GetMembers("AddressFamily").OfType<IPropertySymbol>().FirstOrDefault();
    }
}
