using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Internals
{
    internal enum TargetFamily
    {
        Unknown,
        NetFramework,
        NetCore,
        NetStandard,
    }

    /// <summary>
    /// The framework a compilation targets (rules.md, "Know the target"). Read, in this order, from the
    /// assembly's TargetFrameworkAttribute (the SDK generates it), the MSBuild properties the package makes
    /// compiler-visible, and the identity of the core library.
    /// </summary>
    internal sealed class TargetFramework
    {
        private TargetFramework(TargetFamily family, Version version)
        {
            Family = family;
            Version = version;
        }

        public TargetFamily Family { get; }
        public Version Version { get; }

        /// <summary>
        /// Before .NET Core 2.1 (and on .NET Framework) TcpListener.Create and Socket(SocketType, ProtocolType)
        /// create IPv6 sockets with no IPv4 fallback. A netstandard library may run there, so it counts too.
        /// </summary>
        public bool DualConstructorsLackIPv4Fallback
            => Family == TargetFamily.NetFramework || Family == TargetFamily.NetStandard || (Family == TargetFamily.NetCore && Version < new Version(2, 1));

        /// <summary>new TcpClient() is IPv4-only on .NET Framework and .NET Core before 3.0.</summary>
        public bool TcpClientDefaultIsIPv4Only
            => Family == TargetFamily.NetFramework || (Family == TargetFamily.NetCore && Version < new Version(3, 0));

        public bool IsNetCoreAtLeast(int major) => Family == TargetFamily.NetCore && Version.Major >= major;

        public override string ToString() => Family + " " + Version;

        public static TargetFramework From(Compilation compilation, AnalyzerOptions options)
        {
            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "TargetFrameworkAttribute"
                    && attribute.AttributeClass.ContainingNamespace?.ToDisplayString() == "System.Runtime.Versioning"
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string moniker
                    && TryParseMoniker(moniker, out var fromAttribute))
                {
                    return fromAttribute;
                }
            }

            var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
            if (global.TryGetValue("build_property.TargetFrameworkIdentifier", out var identifier)
                && global.TryGetValue("build_property.TargetFrameworkVersion", out var versionText)
                && TryParseMoniker(identifier + ",Version=" + versionText, out var fromProperties))
            {
                return fromProperties;
            }

            return FromCoreLibrary(compilation);
        }

        /// <summary>Parses ".NETCoreApp,Version=v8.0" and the like.</summary>
        internal static bool TryParseMoniker(string moniker, out TargetFramework result)
        {
            result = new TargetFramework(TargetFamily.Unknown, new Version(0, 0));
            var comma = moniker.IndexOf(',');
            if (comma <= 0)
            {
                return false;
            }

            var identifier = moniker.Substring(0, comma).Trim();
            var rest = moniker.Substring(comma + 1);
            var v = rest.IndexOf("Version=", StringComparison.OrdinalIgnoreCase);
            if (v < 0)
            {
                return false;
            }

            var versionText = rest.Substring(v + "Version=".Length).Trim().TrimStart('v', 'V');
            var end = versionText.IndexOf(',');
            if (end >= 0)
            {
                versionText = versionText.Substring(0, end);
            }

            if (!Version.TryParse(versionText, out var version))
            {
                return false;
            }

            TargetFamily family;
            if (identifier.Equals(".NETCoreApp", StringComparison.OrdinalIgnoreCase))
            {
                family = TargetFamily.NetCore;
            }
            else if (identifier.Equals(".NETFramework", StringComparison.OrdinalIgnoreCase))
            {
                family = TargetFamily.NetFramework;
            }
            else if (identifier.Equals(".NETStandard", StringComparison.OrdinalIgnoreCase))
            {
                family = TargetFamily.NetStandard;
            }
            else
            {
                return false;
            }

            result = new TargetFramework(family, version);
            return true;
        }

        private static TargetFramework FromCoreLibrary(Compilation compilation)
        {
            var identity = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly?.Identity;
            if (identity is null)
            {
                return new TargetFramework(TargetFamily.Unknown, new Version(0, 0));
            }

            switch (identity.Name)
            {
                case "mscorlib":
                    return new TargetFramework(TargetFamily.NetFramework, new Version(4, 0));
                case "netstandard":
                    return new TargetFramework(TargetFamily.NetStandard, new Version(identity.Version.Major, identity.Version.Minor));
                case "System.Runtime":
                case "System.Private.CoreLib":
                    var v = identity.Version;
                    if (v.Major >= 5)
                    {
                        return new TargetFramework(TargetFamily.NetCore, new Version(v.Major, 0));
                    }

                    // System.Runtime 4.2.0 = .NET Core 2.0, 4.2.1 = 2.1, 4.2.2 = 3.0/3.1, 4.1 = 1.x.
                    if (v.Major == 4 && v.Minor == 2)
                    {
                        return new TargetFramework(TargetFamily.NetCore, v.Build >= 2 ? new Version(3, 0) : new Version(2, v.Build));
                    }

                    return new TargetFramework(TargetFamily.NetCore, new Version(1, 0));
                default:
                    return new TargetFramework(TargetFamily.Unknown, new Version(0, 0));
            }
        }
    }
}
