using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using DualStackAnalyzers.CodeFixes.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace DualStackAnalyzers.Tests.Robustness
{
    /// <summary>
    /// What an analyzer must never do, checked over the shipped assemblies and their sources: keep mutable static state
    /// (analyzers run concurrently, for many compilations, in long-lived processes), touch files, the environment or the
    /// network (RS1035: the result must depend on the compilation only), or ignore cancellation in a long walk.
    /// </summary>
    public class AnalyzerHygieneTests
    {
        private static readonly Assembly AnalyzerAssembly = typeof(RuleIds).Assembly;

        private static readonly Assembly FixerAssembly = typeof(ListenerBindsIPv4WildcardFixer).Assembly;

        public static TheoryData<string> ShippedAssemblies() => new TheoryData<string> { AnalyzerAssembly.GetName().Name!, FixerAssembly.GetName().Name! };

        private static Assembly ByName(string name) => name == AnalyzerAssembly.GetName().Name ? AnalyzerAssembly : FixerAssembly;

        // ---- No mutable static state -----------------------------------------------------------------------------

        [Theory]
        [MemberData(nameof(ShippedAssemblies))]
        public void StaticFieldsAreReadonlyAndImmutable(string assemblyName)
        {
            var offenders = new List<string>();
            foreach (var type in ByName(assemblyName).GetTypes())
            {
                // Compiler-generated holders (<>c lambda caches, <PrivateImplementationDetails>) are the compiler's own.
                if (type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || type.Name.StartsWith("<", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.IsLiteral)
                    {
                        continue;
                    }

                    var name = type.FullName + "." + field.Name;
                    if (!field.IsInitOnly)
                    {
                        offenders.Add(name + " is not readonly");
                    }
                    else if (Mutability.Why(field.FieldType) is { } why)
                    {
                        offenders.Add(name + " (" + Mutability.Name(field.FieldType) + ") can change: " + why);
                    }
                }
            }

            Assert.True(offenders.Count == 0, "mutable static state:\n" + string.Join("\n", offenders));
        }

        [Fact]
        public void TheImmutabilityCheckRejectsMutableTypes()
        {
            Assert.Null(Mutability.Why(typeof(string)));
            Assert.Null(Mutability.Why(typeof(ImmutableArray<DiagnosticDescriptor>)));
            Assert.Null(Mutability.Why(typeof(ImmutableDictionary<string, int>)));
            Assert.Null(Mutability.Why(typeof(DiagnosticDescriptor)));
            Assert.Null(Mutability.Why(typeof(Regex)));
            Assert.NotNull(Mutability.Why(typeof(string[])));
            Assert.NotNull(Mutability.Why(typeof(List<string>)));
            Assert.NotNull(Mutability.Why(typeof(Dictionary<string, string>)));
            Assert.NotNull(Mutability.Why(typeof(System.Collections.Concurrent.ConcurrentDictionary<string, string>)));
            Assert.NotNull(Mutability.Why(typeof(MutableHolder)));
            Assert.NotNull(Mutability.Why(typeof(ImmutableArray<MutableHolder>)));
            Assert.Null(Mutability.Why(typeof(ImmutableHolder)));
            Assert.Null(Mutability.Why(typeof(ConditionalWeakTable<Compilation, MutableHolder>)));
            Assert.NotNull(Mutability.Why(typeof(ConditionalWeakTable<string, MutableHolder>)));
        }

        private sealed class MutableHolder
        {
            public int Count { get; set; }
        }

        private sealed class ImmutableHolder
        {
            public ImmutableHolder(string name) => Name = name;

            public string Name { get; }
        }

        /// <summary>Deep immutability by reflection: every instance field readonly, of an immutable type.</summary>
        private static class Mutability
        {
            private static readonly HashSet<Type> KnownImmutable = new HashSet<Type>
            {
                typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid),
                typeof(Version), typeof(Type), typeof(Uri), typeof(object), typeof(Regex), typeof(StringComparer),
                typeof(DiagnosticDescriptor), typeof(LocalizableString), typeof(SymbolDisplayFormat), typeof(System.Globalization.CultureInfo),
                typeof(Microsoft.CodeAnalysis.Text.TextSpan),
            };

            public static string Name(Type type) => type.IsGenericType
                ? type.Name.Substring(0, type.Name.IndexOf('`')) + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">"
                : type.Name;

            public static string? Why(Type type) => Why(type, new HashSet<Type>());

            private static string? Why(Type type, HashSet<Type> visiting)
            {
                if (type.IsPrimitive || type.IsEnum || KnownImmutable.Contains(type) || typeof(Delegate).IsAssignableFrom(type)
                    || (type.IsSubclassOf(typeof(LocalizableString)) && type.Assembly == typeof(LocalizableString).Assembly))
                {
                    return null;
                }

                if (type.IsArray)
                {
                    return "arrays can be written (use ImmutableArray)";
                }

                if (type.IsGenericType)
                {
                    var definition = type.GetGenericTypeDefinition();

                    // The shared caches allowed: state of one compilation, or syntax facts of one tree, keyed weakly by it
                    // (collected with it).
                    if (definition == typeof(ConditionalWeakTable<,>)
                        && (type.GetGenericArguments()[0] == typeof(Compilation) || type.GetGenericArguments()[0] == typeof(SyntaxTree)))
                    {
                        return null;
                    }

                    if (definition == typeof(Nullable<>) || definition.Namespace == "System.Collections.Immutable"
                        || definition == typeof(KeyValuePair<,>) || definition.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
                        || definition.FullName.StartsWith("System.Tuple`", StringComparison.Ordinal) || definition == typeof(Lazy<>))
                    {
                        foreach (var argument in type.GetGenericArguments())
                        {
                            if (Why(argument, visiting) is { } inner)
                            {
                                return Name(argument) + ": " + inner;
                            }
                        }

                        return null;
                    }
                }

                if (type.Namespace is { } ns && (ns == "System.Collections.Immutable"))
                {
                    return null;
                }

                if (type.IsInterface || type.IsAbstract)
                {
                    return "an " + (type.IsInterface ? "interface" : "abstract type") + " can hold anything";
                }

                if (type.Assembly != AnalyzerAssembly && type.Assembly != FixerAssembly && type.Assembly != typeof(AnalyzerHygieneTests).Assembly)
                {
                    return "not known to be immutable";
                }

                if (!visiting.Add(type))
                {
                    return null;
                }

                for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
                {
                    foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        if (!field.IsInitOnly)
                        {
                            return "field " + field.Name + " is not readonly";
                        }

                        if (Why(field.FieldType, visiting) is { } inner)
                        {
                            return "field " + field.Name + ": " + inner;
                        }
                    }
                }

                return null;
            }
        }

        // ---- No file, environment, console, process or network access --------------------------------------------

        private static readonly Dictionary<string, string[]?> ForbiddenMembers = new Dictionary<string, string[]?>(StringComparer.Ordinal)
        {
            // null: every member of the type.
            ["System.IO.File"] = null,
            ["System.IO.Directory"] = null,
            ["System.IO.FileInfo"] = null,
            ["System.IO.DirectoryInfo"] = null,
            ["System.IO.FileStream"] = null,
            ["System.IO.FileSystemWatcher"] = null,
            ["System.IO.DriveInfo"] = null,
            ["System.IO.StreamReader"] = null,
            ["System.IO.StreamWriter"] = null,
            ["System.Console"] = null,
            ["System.Diagnostics.Process"] = null,
            ["System.Net.Dns"] = null,
            ["System.Net.WebClient"] = null,
            ["System.Net.Http.HttpClient"] = null,
            ["System.Net.Sockets.Socket"] = null,
            ["System.Net.Sockets.TcpClient"] = null,
            ["System.Net.Sockets.TcpListener"] = null,
            ["System.Net.Sockets.UdpClient"] = null,
            ["System.Net.NetworkInformation.NetworkInterface"] = null,
            ["System.Environment"] = new[]
            {
                "GetEnvironmentVariable", "GetEnvironmentVariables", "SetEnvironmentVariable", "ExpandEnvironmentVariables",
                "get_CurrentDirectory", "set_CurrentDirectory", "GetFolderPath", "GetCommandLineArgs", "get_CommandLine",
                "Exit", "FailFast", "get_MachineName", "get_UserName", "get_UserDomainName", "GetLogicalDrives",
            },
        };

        [Theory]
        [MemberData(nameof(ShippedAssemblies))]
        public void NoFileEnvironmentOrNetworkAccess(string assemblyName)
        {
            using var stream = File.OpenRead(ByName(assemblyName).Location);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var used = new List<string>();
            foreach (var handle in metadata.MemberReferences)
            {
                var member = metadata.GetMemberReference(handle);
                if (member.Parent.Kind != HandleKind.TypeReference)
                {
                    continue;
                }

                var parent = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
                var typeName = metadata.GetString(parent.Namespace) + "." + metadata.GetString(parent.Name);
                var memberName = metadata.GetString(member.Name);
                if (ForbiddenMembers.TryGetValue(typeName, out var members) && (members is null || members.Contains(memberName)))
                {
                    used.Add(typeName + "." + memberName);
                }
            }

            Assert.True(used.Count == 0, assemblyName + " uses " + string.Join(", ", used.Distinct()));
        }

        /// <summary>RS1035 (banned APIs for analyzers) is on: the project enforces the extended rules and nothing silences it.</summary>
        [Fact]
        public void RS1035StaysOn()
        {
            var project = File.ReadAllText(Repository.PathOf("src", "DualStackAnalyzers", "DualStackAnalyzers.csproj"));
            Assert.Matches(@"<EnforceExtendedAnalyzerRules>\s*true\s*</EnforceExtendedAnalyzerRules>", project);
            Assert.Contains("Microsoft.CodeAnalysis.Analyzers", project, StringComparison.Ordinal);

            var settings = new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" }
                .Select(f => Repository.PathOf(f))
                .Concat(Directory.GetFiles(Repository.Root, "*.editorconfig", SearchOption.TopDirectoryOnly))
                .Concat(Directory.GetFiles(Repository.Root, "*.globalconfig", SearchOption.TopDirectoryOnly))
                .Concat(Directory.GetFiles(Repository.PathOf("src"), "*", SearchOption.AllDirectories)
                    .Where(f => !IsBuildOutput(f) && (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith("proj", StringComparison.Ordinal)
                        || f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal)
                        || f.EndsWith("editorconfig", StringComparison.Ordinal) || f.EndsWith(".globalconfig", StringComparison.Ordinal))))
                .Where(File.Exists);
            foreach (var file in settings)
            {
                Assert.False(File.ReadAllText(file).Contains("RS1035", StringComparison.Ordinal), file + " mentions RS1035: the banned-API check for analyzers must stay on");
            }
        }

        private static bool IsBuildOutput(string path)
            => path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

        // ---- Cancellation ----------------------------------------------------------------------------------------

        /// <summary>
        /// Syntax walks bounded by one member (an expression, a condition, a statement, one body): the same scale as the
        /// operation tree the driver hands to the callback. Any walk over a type, a tree or a symbol's declarations goes
        /// through <c>Walks.Nodes</c>/<c>Walks.Tokens</c> with the callback's cancellation token.
        /// </summary>
        private static readonly Dictionary<string, string> BoundedWalks = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DualStackListenerWithoutIPv4FallbackAnalyzer.HasIPv4FallbackInCatch"] = "the catch blocks of one try statement",
            ["IPv4OnlyAddressRepresentationAnalyzer.MentionsFamily"] = "one statement",
            ["IPv6OnlyListenerAnalyzer.InsideAddressFamilyBranch"] = "the conditions around one node",
            ["IPv6DisabledForProcessAnalyzer.IsOptIn"] = "the conditions around one call",
            ["AddressSelectionDropsIPv6Analyzer.FallsBackInCatch"] = "the catch clauses of one try statement",
            ["EndpointTextSplitOnColonAnalyzer.HandlesBracketFirst"] = "one body, up to the parse",
            ["TypeTraits.InDualModeMember"] = "one member (cached per member)",
            ["TypeTraits.AddIPv4AnyBind"] = "the conditions around one bind",
            ["KnownAddressFamily.SelectsIPv4"] = "one expression",
            ["PeerAddressFlow.MentionsNormalisation"] = "one condition or assigned value",
            ["PeerAddressFlow.TestsMapped"] = "one condition",
            ["FamilyGuards.IsFamilyTest"] = "one condition",
            ["FamilyGuards.MentionsIPv6Attempt"] = "one try block",
            ["AddressLiteralContext.ContainsIPv6"] = "one initializer element, argument or member",
        };

        /// <summary>Syntax walks. (IOperation's Descendants() never leaves one body: the driver built that tree for the callback.)</summary>
        private static readonly HashSet<string> SyntaxWalkMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "DescendantNodes", "DescendantNodesAndSelf", "DescendantNodesAndTokens", "DescendantNodesAndTokensAndSelf",
            "DescendantTokens", "DescendantTrivia",
        };

        public static TheoryData<string> AnalyzerSourceFiles()
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Repository.PathOf("src", "DualStackAnalyzers"), "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).OrderBy(f => f, StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(Repository.Root, file));
            }

            return data;
        }

        /// <summary>
        /// A walk over a type, a tree or a symbol's declarations checks the cancellation token (through <c>Walks</c>), so
        /// that an editor that moves on is not kept waiting; every other syntax walk is listed above as bounded by one
        /// member. And no catch clause swallows OperationCanceledException (a bare catch, catch (Exception) or
        /// catch (OperationCanceledException) without a filter or rethrow).
        /// </summary>
        [Theory]
        [MemberData(nameof(AnalyzerSourceFiles))]
        public void LongWalksCheckCancellationAndNothingSwallowsIt(string relativePath)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(Repository.Root, relativePath))).GetRoot();
            var problems = new List<string>();
            foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var walk } || !SyntaxWalkMethods.Contains(walk))
                {
                    continue;
                }

                var typeName = invocation.Ancestors().OfType<BaseTypeDeclarationSyntax>().LastOrDefault()?.Identifier.ValueText;
                var innerType = invocation.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
                var method = invocation.Ancestors().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault();
                var methodName = method switch
                {
                    MethodDeclarationSyntax m => m.Identifier.ValueText,
                    ConstructorDeclarationSyntax c => c.Identifier.ValueText,
                    _ => "?",
                };
                if (typeName == "Walks" || BoundedWalks.ContainsKey(typeName + "." + methodName) || BoundedWalks.ContainsKey(innerType + "." + methodName))
                {
                    continue;
                }

                var line = invocation.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                problems.Add($"{relativePath}:{line} {innerType}.{methodName} calls {walk}: walk a type, tree or declaration with Walks.Nodes/Walks.Tokens and the callback's CancellationToken, or list the method in BoundedWalks with why it stays within one member");
            }

            foreach (var catchClause in root.DescendantNodes().OfType<CatchClauseSyntax>())
            {
                var caught = catchClause.Declaration?.Type.ToString();
                var broad = caught is null or "Exception" or "System.Exception" or "SystemException" or "OperationCanceledException" or "System.OperationCanceledException";
                var rethrows = catchClause.Block.DescendantNodes().OfType<ThrowStatementSyntax>().Any(t => t.Expression is null);
                if (broad && catchClause.Filter is null && !rethrows)
                {
                    var line = catchClause.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    problems.Add($"{relativePath}:{line} catches {caught ?? "everything"} without a filter: it swallows OperationCanceledException");
                }
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }
}
