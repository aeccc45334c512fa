using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    /// DS0012: an address held or read as 32 bits — <c>new IPAddress(long)</c>, <c>ip.Address</c>,
    /// <c>BitConverter.ToUInt32(ip.GetAddressBytes(), 0)</c>, address bytes indexed or copied as exactly four (#4–#6).
    /// IPv6 addresses, and the IPv4-mapped peers a dual-stack socket reports (fact 4), have 16 bytes.
    /// </summary>
    public sealed class IPv4OnlyAddressRepresentationAnalyzer : DiagnosticAnalyzer
    {
        internal const string FromNumber = "creates an IPv4 address from a 32-bit number; an IPv6 address does not fit in one, so keep addresses as IPAddress (or as the 4 or 16 bytes of GetAddressBytes())";
        internal const string AddressProperty = "throws for IPv6 addresses and for the IPv4-mapped peers of a dual-stack socket (::ffff:a.b.c.d); use GetAddressBytes() and branch on AddressFamily, normalising mapped addresses first";
        internal const string ReadsNumber = "reads the address as a 32-bit number, but IPv6 and IPv4-mapped addresses have 16 bytes (::1 reads as 0); branch on AddressFamily, normalising mapped addresses first";
        internal const string FourBytes = "treats the address bytes as exactly four, but IPv6 and IPv4-mapped addresses have 16; branch on AddressFamily (or on the array's Length) first";
        internal const string FourByteBuffer = "writes the address into a 4-byte buffer, but IPv6 and IPv4-mapped addresses have 16 bytes; size the buffer by AddressFamily";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.IPv4OnlyAddressRepresentation,
            RuleCategories.AddressFamily,
            "IPv4-only address representation",
            "'{0}' {1}",
            DiagnosticSeverity.Warning,
            "An IPv4 address is 32 bits; an IPv6 address is 128. new IPAddress(long), IPAddress.Address, BitConverter.ToUInt32(GetAddressBytes()) and code that indexes or copies exactly four address bytes work only for IPv4: they throw, truncate or silently compute garbage for IPv6 addresses and for the IPv4-mapped addresses (::ffff:a.b.c.d) that a dual-stack listener reports for its IPv4 clients. Branch on AddressFamily, or keep the IPAddress itself.");

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

                var symbols = new Symbols(facts, start.Compilation);
                start.RegisterNamedOperationAction(c => AnalyzeCreation(c, symbols), OperationKind.ObjectCreation, name => name == "IPAddress");
                if (symbols.AddressProperty is not null)
                {
                    // Found by a search for the word: a callback for every property reference costs more (MemberReferences).
                    start.RegisterMemberReferenceAction<IPropertyReferenceOperation>(
                        member => SymbolEqualityComparer.Default.Equals(member, symbols.AddressProperty), (c, reference) => AnalyzeAddressProperty(c, reference, symbols), "Address");
                }

                start.RegisterNamedOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation, IsReadOrCopyName);
                start.RegisterOperationAction(c => AnalyzeElement(c, symbols), OperationKind.ArrayElementReference);
            });
        }

        /// <summary>Everything the callbacks compare against, resolved once per compilation.</summary>
        private sealed class Symbols
        {
            public Symbols(CompilationFacts facts, Compilation compilation)
            {
                Facts = facts;
                Net = facts.Symbols;
                IPAddress = Net.IPAddress;
                AddressProperty = Net.IPAddressAddress;
                BitConverter = Net.BitConverter;
                BinaryPrimitives = Net.BinaryPrimitives;
                Buffer = Net.Buffer;
                Array = compilation.GetSpecialType(SpecialType.System_Array);
            }

            public CompilationFacts Facts { get; }
            public NetSymbols Net { get; }
            public INamedTypeSymbol IPAddress { get; }
            public IPropertySymbol? AddressProperty { get; }
            public INamedTypeSymbol? BitConverter { get; }
            public INamedTypeSymbol? BinaryPrimitives { get; }
            public INamedTypeSymbol? Buffer { get; }
            public INamedTypeSymbol Array { get; }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, Symbols symbols)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Constructor is not { Parameters.Length: 1 } constructor || !SymbolEqualityComparer.Default.Equals(creation.Type, symbols.IPAddress))
            {
                return;
            }

            var argument = OperationHelpers.SkipConversions(creation.Arguments[0].Value);
            if (argument is null)
            {
                return;
            }

            if (constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int64)
            {
                // new IPAddress(0) is IPAddress.Any spelled as a number: DS0001 owns it where it is bound.
                if (argument.ConstantValue is { HasValue: true, Value: { } zero } && Convert.ToInt64(zero, System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    return;
                }

                // The 32-bit source is reported where it is read (ip.Address, ToUInt32(GetAddressBytes())).
                if (ReadsAddressAsNumber(argument, symbols))
                {
                    return;
                }

                Report(context, creation, null, null, FromNumber, symbols);
                return;
            }

            // new IPAddress(BitConverter.GetBytes(someInt)): the same 32-bit number, through four bytes.
            if (argument is IInvocationOperation { TargetMethod.Name: "GetBytes", Arguments.Length: 1 } getBytes
                && SymbolEqualityComparer.Default.Equals(getBytes.TargetMethod.ContainingType, symbols.BitConverter)
                && getBytes.Arguments[0].Value.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32
                && !ReadsAddressAsNumber(getBytes.Arguments[0].Value, symbols))
            {
                Report(context, creation, null, null, FromNumber, symbols);
            }
        }

        private static void AnalyzeAddressProperty(SiteContext context, IPropertyReferenceOperation reference, Symbols symbols)
        {
            if (!SymbolEqualityComparer.Default.Equals(reference.Property, symbols.AddressProperty))
            {
                return;
            }

            Report(context, reference, reference.Instance, null, AddressProperty, symbols);
        }

        /// <summary>The methods <see cref="AnalyzeInvocation"/> looks at: number reads of four bytes and copies of them.</summary>
        private static bool IsReadOrCopyName(string name)
            => name is "ToUInt32" or "ToInt32" or "ReadUInt32BigEndian" or "ReadUInt32LittleEndian" or "ReadInt32BigEndian" or "ReadInt32LittleEndian"
                or "Copy" or "BlockCopy" or "CopyTo" or "TryWriteBytes";

        private static void AnalyzeInvocation(OperationAnalysisContext context, Symbols symbols)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type is null)
            {
                return;
            }

            if (IsNumberRead(invocation, symbols))
            {
                var origin = AddressBytesOrigin(Argument(invocation, 0), 0, symbols);
                Report(context, invocation, origin?.Instance, origin, ReadsNumber, symbols);
                return;
            }

            switch (method.Name)
            {
                case "Copy" when SymbolEqualityComparer.Default.Equals(type, symbols.Array):
                case "BlockCopy" when SymbolEqualityComparer.Default.Equals(type, symbols.Buffer):
                    {
                        // Array.Copy(src, [srcIndex,] dst, [dstIndex,] 4), Buffer.BlockCopy(src, so, dst, do, 4)
                        var length = invocation.Arguments.Length == 3 ? Argument(invocation, 2) : invocation.Arguments.Length == 5 ? Argument(invocation, 4) : null;
                        if (IsConstant(length, 4) && AddressBytesOrigin(Argument(invocation, 0), 0, symbols) is { } origin)
                        {
                            Report(context, invocation, origin.Instance, origin, FourBytes, symbols);
                        }

                        return;
                    }

                case "CopyTo" when invocation.Instance is not null && invocation.Arguments.Length >= 1:
                    {
                        // ip.GetAddressBytes().CopyTo(new byte[4], 0)
                        if (IsFourByteBuffer(Argument(invocation, 0)) && AddressBytesOrigin(invocation.Instance, 0, symbols) is { } origin)
                        {
                            Report(context, invocation, origin.Instance, origin, FourByteBuffer, symbols);
                        }

                        return;
                    }

                case "TryWriteBytes" when SymbolEqualityComparer.Default.Equals(type, symbols.IPAddress) && invocation.Arguments.Length >= 1:
                    if (IsFourByteBuffer(Argument(invocation, 0)))
                    {
                        Report(context, invocation, invocation.Instance, null, FourByteBuffer, symbols);
                    }

                    return;
            }
        }

        private static void AnalyzeElement(OperationAnalysisContext context, Symbols symbols)
        {
            var element = (IArrayElementReferenceOperation)context.Operation;
            if (element.Indices.Length != 1 || element.ArrayReference.Type is not IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
            {
                return;
            }

            var index = OperationHelpers.SkipConversions(element.Indices[0]);
            var loop = index is ILocalReferenceOperation loopVariable ? FourStepLoop(element, loopVariable.Local) : null;
            if (!IsConstant(index, 3) && loop is null)
            {
                return;
            }

            var origin = AddressBytesOrigin(element.ArrayReference, 0, symbols);
            if (origin is null)
            {
                return;
            }

            var array = OperationHelpers.SkipConversions(element.ArrayReference) as ILocalReferenceOperation;
            var root = OperationHelpers.Root(element);
            if (loop is not null)
            {
                // One report per loop: at its first access to the address bytes.
                if (!IsFirst(element, loop, symbols))
                {
                    return;
                }
            }
            else if (array is not null && !IsFirstHighIndex(element, array.Local, root))
            {
                return;
            }

            Report(context, element, origin.Instance, origin, FourBytes, symbols);
        }

        // ---- What is read --------------------------------------------------------------------------------------

        /// <summary>BitConverter.ToUInt32/ToInt32(bytes[, 0]) and BinaryPrimitives.Read(U)Int32(Big|Little)Endian(bytes) of address bytes.</summary>
        private static bool IsNumberRead(IInvocationOperation invocation, Symbols symbols)
        {
            var method = invocation.TargetMethod;
            if (!method.Name.StartsWith("To", StringComparison.Ordinal) && !method.Name.StartsWith("Read", StringComparison.Ordinal))
            {
                return false; // names first: ToUInt32/ToInt32 and ReadUInt32BigEndian… below
            }

            var type = method.ContainingType;
            bool candidate;
            if (SymbolEqualityComparer.Default.Equals(type, symbols.BitConverter))
            {
                // An offset other than 0 reads inside a longer address (e.g. the IPv4 part at offset 12): IPv6-aware.
                candidate = method.Name is "ToUInt32" or "ToInt32"
                    && (invocation.Arguments.Length == 1 || (invocation.Arguments.Length == 2 && IsConstant(Argument(invocation, 1), 0)));
            }
            else if (SymbolEqualityComparer.Default.Equals(type, symbols.BinaryPrimitives))
            {
                candidate = method.Name is "ReadUInt32BigEndian" or "ReadUInt32LittleEndian" or "ReadInt32BigEndian" or "ReadInt32LittleEndian";
            }
            else
            {
                return false;
            }

            return candidate && invocation.Arguments.Length >= 1 && AddressBytesOrigin(Argument(invocation, 0), 0, symbols) is not null;
        }

        /// <summary>Does the value read an address as a number (reported there), so the constructor around it need not be?</summary>
        private static bool ReadsAddressAsNumber(IOperation value, Symbols symbols)
        {
            foreach (var node in value.DescendantsAndSelf())
            {
                if (node is IPropertyReferenceOperation property && SymbolEqualityComparer.Default.Equals(property.Property, symbols.AddressProperty))
                {
                    return true;
                }

                if (node is IInvocationOperation invocation && IsNumberRead(invocation, symbols))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The <c>ip.GetAddressBytes()</c> a byte array comes from: directly, through locals written only with it, or
        /// through copies that keep its length (<c>Reverse()</c>, <c>ToArray()</c>, <c>AsSpan()</c>).
        /// </summary>
        private static IInvocationOperation? AddressBytesOrigin(IOperation? operation, int depth, Symbols symbols)
        {
            operation = OperationHelpers.SkipConversions(operation);
            if (depth > 4)
            {
                return null;
            }

            switch (operation)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    if (method.Name == "GetAddressBytes" && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.IPAddress))
                    {
                        return invocation;
                    }

                    if (method.Name is "Reverse" or "ToArray" or "AsSpan" or "AsEnumerable" && method.Parameters.Length <= 1)
                    {
                        var source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? Argument(invocation, 0) : null);
                        return AddressBytesOrigin(source, depth + 1, symbols);
                    }

                    return null;
                case ILocalReferenceOperation local:
                    var writes = OperationHelpers.LocalWrites(local);
                    if (writes.IsDefaultOrEmpty)
                    {
                        return null;
                    }

                    IInvocationOperation? first = null;
                    foreach (var write in writes)
                    {
                        var origin = AddressBytesOrigin(write, depth + 1, symbols);
                        if (origin is null)
                        {
                            return null;
                        }

                        first ??= origin;
                    }

                    return first;
                default:
                    return null;
            }
        }

        /// <summary><c>new byte[4]</c>, <c>stackalloc byte[4]</c>, directly or through a local written once.</summary>
        private static bool IsFourByteBuffer(IOperation? operation)
        {
            for (var depth = 0; depth < 3; depth++)
            {
                operation = OperationHelpers.SkipConversions(operation);
                switch (operation)
                {
                    case IArrayCreationOperation array:
                        return array.DimensionSizes.Length == 1 && IsConstant(array.DimensionSizes[0], 4);
                    case ILocalReferenceOperation local:
                        var writes = OperationHelpers.LocalWrites(local);
                        if (writes.IsDefaultOrEmpty || writes.Length != 1)
                        {
                            return false;
                        }

                        operation = writes[0];
                        break;
                    default:
                        // stackalloc has no operation of its own in the 4.8 API: read the syntax.
                        return operation?.Syntax is StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax { RankSpecifiers: { Count: 1 } ranks } }
                            && ranks[0].Sizes.Count == 1
                            && ranks[0].Sizes[0] is LiteralExpressionSyntax { Token.Value: 4 };
                }
            }

            return false;
        }

        /// <summary>The for loop that declares <paramref name="variable"/> and runs it below 4 (<c>i &lt; 4</c>, <c>i &lt;= 3</c>).</summary>
        private static IForLoopOperation? FourStepLoop(IOperation element, ILocalSymbol variable)
        {
            foreach (var ancestor in OperationHelpers.Ancestors(element))
            {
                if (ancestor is IForLoopOperation loop && loop.Locals.Any(l => SymbolEqualityComparer.Default.Equals(l, variable)))
                {
                    return loop.Condition is IBinaryOperation { LeftOperand: var left, RightOperand: var right } condition
                        && OperationHelpers.SkipConversions(left) is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, variable)
                        && ((condition.OperatorKind == BinaryOperatorKind.LessThan && IsConstant(right, 4))
                            || (condition.OperatorKind == BinaryOperatorKind.LessThanOrEqual && IsConstant(right, 3)))
                        ? loop
                        : null;
                }

                if (ancestor is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }
            }

            return null;
        }

        private static bool IsFirst(IArrayElementReferenceOperation element, IForLoopOperation loop, Symbols symbols)
        {
            foreach (var node in loop.Body.Descendants())
            {
                if (node is IArrayElementReferenceOperation other && AddressBytesOrigin(other.ArrayReference, 0, symbols) is not null)
                {
                    return other == element;
                }
            }

            return true;
        }

        /// <summary>
        /// Index 3 is the highest index read from the local in the body, and this is its first such read. An index
        /// above 3 means the code reads beyond four bytes: it knows the array can be longer.
        /// </summary>
        private static bool IsFirstHighIndex(IArrayElementReferenceOperation element, ILocalSymbol array, IOperation root)
        {
            IArrayElementReferenceOperation? first = null;
            foreach (var node in root.Descendants())
            {
                if (node is IArrayElementReferenceOperation other && other.Indices.Length == 1
                    && OperationHelpers.SkipConversions(other.ArrayReference) is ILocalReferenceOperation local
                    && SymbolEqualityComparer.Default.Equals(local.Local, array))
                {
                    var value = OperationHelpers.SkipConversions(other.Indices[0])?.ConstantValue;
                    if (value is { HasValue: true, Value: int i })
                    {
                        if (i > 3)
                        {
                            return false;
                        }

                        if (i == 3 && (first is null || other.Syntax.SpanStart < first.Syntax.SpanStart))
                        {
                            first = other;
                        }
                    }
                }
            }

            return first == element;
        }

        // ---- When not to report --------------------------------------------------------------------------------

        private static void Report(SiteContext context, IOperation site, IOperation? address, IInvocationOperation? bytesOrigin, string why, Symbols symbols)
        {
            var syntax = site.Syntax;
            if (FamilyGuards.IsGuarded(syntax) || (bytesOrigin is not null && FamilyGuards.IsGuarded(bytesOrigin.Syntax)))
            {
                return;
            }

            // The address is known to be IPv4 (IPAddress.Loopback, Parse("10.0.0.1"), IPv4Mask, MapToIPv4(), a value
            // filtered to InterNetwork): four bytes is right. A known IPv6 value read as bytes is deliberate too,
            // but .Address on it throws.
            var family = address is null ? KnownFamily.Unknown : KnownAddressFamily.Of(address, symbols.Net);
            if (family == KnownFamily.IPv4 || (family == KnownFamily.IPv6 && why != AddressProperty))
            {
                return;
            }

            if (family == KnownFamily.IPv6)
            {
                // IPAddress.Address on a value the code itself makes IPv6: it throws, whatever else the code handles.
                ReportAt(context, syntax, bytesOrigin, why);
                return;
            }

            var body = BodyOf(syntax);
            if (body is not null && HandlesIPv6(body, context.CancellationToken))
            {
                return;
            }

            if (why != AddressProperty && why != FromNumber && ReadsByteLength(OperationHelpers.Root(site), symbols))
            {
                return;
            }

            var statement = syntax.FirstAncestorOrSelf<SyntaxNode>(n => n is StatementSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax);
            if (statement is not null && MentionsFamily(statement))
            {
                return;
            }

            var member = context.ContainingSymbol;
            if (KnownAddressFamily.FromName(member.Name) == KnownFamily.IPv4
                || (member is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet } accessor && KnownAddressFamily.FromName(accessor.AssociatedSymbol?.Name ?? string.Empty) == KnownFamily.IPv4))
            {
                return;
            }

            // An IPv4-only protocol (DHCPv4, Wake-on-LAN, a broadcast protocol, dualstack.ipv4_only_types) computes
            // with IPv4 addresses by definition.
            var type = CompilationFacts.ContainingType(member);
            if (symbols.Facts.IsIPv4OnlyProtocol(type, null, syntax, context.CancellationToken))
            {
                return;
            }

            ReportAt(context, syntax, bytesOrigin, why);
        }

        private static void ReportAt(SiteContext context, SyntaxNode syntax, IInvocationOperation? bytesOrigin, string why)
        {
            var additional = bytesOrigin is not null && !syntax.Span.Contains(bytesOrigin.Syntax.Span)
                ? ImmutableArray.Create(bytesOrigin.Syntax.GetLocation())
                : ImmutableArray<Location>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.GetLocation(), additional, Display(syntax), why));
        }

        /// <summary>The body that holds the site: the member, local function or lambda (top-level code: the file).</summary>
        private static SyntaxNode? BodyOf(SyntaxNode node)
            => node.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
                or PropertyDeclarationSyntax or IndexerDeclarationSyntax or CompilationUnitSyntax);

        /// <summary>The body also handles IPv6 (InterNetworkV6, IPv6 fields or names, 16-byte addresses): a two-family algorithm.</summary>
        private static bool HandlesIPv6(SyntaxNode body, CancellationToken cancellationToken)
        {
            foreach (var node in Walks.Nodes(body, cancellationToken))
            {
                switch (node)
                {
                    case IdentifierNameSyntax identifier:
                        var name = identifier.Identifier.ValueText;
                        if (name == "IsIPv4MappedToIPv6")
                        {
                            continue;
                        }

                        if (name.IndexOf("ipv6", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("inet6", StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            return true;
                        }

                        break;
                    case LiteralExpressionSyntax { Token.Value: 16 } literal when literal.Parent is ArgumentSyntax or BracketedArgumentListSyntax or ArrayRankSpecifierSyntax:
                        return true;
                }
            }

            return false;
        }

        /// <summary>The body reads the Length (or Count()) of the address bytes: it does not assume four.</summary>
        private static bool ReadsByteLength(IOperation root, Symbols symbols)
        {
            foreach (var node in root.Descendants())
            {
                var array = node switch
                {
                    IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" } length => length.Instance,
                    IInvocationOperation { TargetMethod.Name: "Count" or "LongCount", Arguments.Length: 1 } count => count.Arguments[0].Value,
                    _ => null,
                };
                if (array is not null && AddressBytesOrigin(array, 0, symbols) is not null)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MentionsFamily(SyntaxNode statement)
        {
            foreach (var token in statement.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText is "AddressFamily" or "InterNetwork" or "InterNetworkV6" or "IsIPv4MappedToIPv6")
                {
                    return true;
                }
            }

            return false;
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

        private static bool IsConstant(IOperation? operation, int value)
            => OperationHelpers.SkipConversions(operation)?.ConstantValue is { HasValue: true, Value: { } constant }
                && constant is int or long or short or byte or uint or ulong or ushort or sbyte
                && Convert.ToInt64(constant, System.Globalization.CultureInfo.InvariantCulture) == value;
    }
}
