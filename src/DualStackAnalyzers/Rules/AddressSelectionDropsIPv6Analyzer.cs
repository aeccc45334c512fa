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
    /// DS0011: code that picks addresses throws the IPv6 ones away: DNS and interface results filtered to InterNetwork,
    /// lookups and DnsEndPoints restricted to IPv4, a connect to the first DNS answer only, an HttpClient ConnectCallback
    /// that forces IPv4 (#17, #28).
    /// </summary>
    public sealed class AddressSelectionDropsIPv6Analyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: which form was found, one of the <c>Form*</c> values.</summary>
        public const string FormProperty = "Form";

        /// <summary>Diagnostic property: why no automatic fix is offered.</summary>
        public const string NoFixReasonProperty = "NoFixReason";

        public const string FormFilter = "Filter";
        public const string FormFamilyLookup = "FamilyLookup";
        public const string FormDnsEndPoint = "DnsEndPoint";
        public const string FormFirstAddress = "FirstAddress";
        public const string FormConnectCallback = "ConnectCallback";

        private const string Description = "Code that selects addresses must keep IPv6 ones: in an IPv6-only cluster DNS answers and interface addresses are all IPv6, and in a dual-stack cluster a service may be reachable over IPv6 only. Accept both families (prefer IPv4 if you must, but fall back to the other addresses), and let Connect(host, port) on a dual-stack socket try every address.";

        internal static readonly DiagnosticDescriptor FilterRule = RuleDescriptors.Create(
            RuleIds.AddressSelectionDropsIPv6,
            RuleCategories.AddressFamily,
            "Address selection drops IPv6",
            "This filter drops the IPv6 addresses of {0}: in an IPv6-only cluster no address is left; accept both families, or prefer IPv4 and fall back to the others",
            DiagnosticSeverity.Warning,
            Description);

        internal static readonly DiagnosticDescriptor FamilyRule = RuleDescriptors.Create(
            RuleIds.AddressSelectionDropsIPv6,
            RuleCategories.AddressFamily,
            "Address selection drops IPv6",
            "{0} resolves the name to IPv4 addresses only, so a server that has only IPv6 addresses is unreachable{1}",
            DiagnosticSeverity.Warning,
            Description);

        internal static readonly DiagnosticDescriptor FirstAddressRule = RuleDescriptors.Create(
            RuleIds.AddressSelectionDropsIPv6,
            RuleCategories.AddressFamily,
            "Address selection drops IPv6",
            "{0} connects to the first address {1} returns only: when that one is IPv6 on an IPv4 socket, or unreachable, the other addresses are never tried; connect to the host name instead",
            DiagnosticSeverity.Warning,
            Description);

        internal static readonly DiagnosticDescriptor ConnectCallbackRule = RuleDescriptors.Create(
            RuleIds.AddressSelectionDropsIPv6,
            RuleCategories.AddressFamily,
            "Address selection drops IPv6",
            "This HttpClient ConnectCallback creates an IPv4-only socket with {0}, so servers that have only IPv6 addresses are unreachable{1}",
            DiagnosticSeverity.Warning,
            Description);

        private static readonly ImmutableArray<string> KeepingMethods = ImmutableArray.Create("Where", "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "Find", "FindAll", "FindLast", "TakeWhile");
        private static readonly ImmutableArray<string> DroppingMethods = ImmutableArray.Create("RemoveAll", "SkipWhile");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(FilterRule, FamilyRule, FirstAddressRule, ConnectCallbackRule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var facts = CompilationFacts.TryCreate(start.Compilation, start.Options);
                var symbols = facts?.Symbols;
                if (facts is null || symbols?.AddressFamily is null)
                {
                    return;
                }

                if (symbols.Dns is not null || symbols.IPInterfaceProperties is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeComparison(c, facts), OperationKind.Binary, OperationKind.IsPattern);
                }

                start.RegisterNamedOperationAction(c => AnalyzeInvocation(c, facts), OperationKind.Invocation, name => name.StartsWith("GetHost", StringComparison.Ordinal) || IsConnectName(name));
                start.RegisterNamedOperationAction(c => AnalyzeCreation(c, facts), OperationKind.ObjectCreation, name => name is "DnsEndPoint" or "Socket");
            });
        }

        // ---- Filters: x.AddressFamily == InterNetwork as a LINQ predicate or a loop guard -----------------------------

        private static void AnalyzeComparison(OperationAnalysisContext context, CompilationFacts facts)
        {
            var symbols = facts.Symbols;
            if (!TryReadComparison(context.Operation, symbols, out var tested, out var testsIPv4))
            {
                return;
            }

            // Climb the boolean expression the comparison belongs to. Relative to the root, the comparison is a
            // conjunct (&&) or a disjunct (||); ! flips both its meaning and the connectives above it.
            IOperation node = context.Operation;
            bool underAnd = false, underOr = false;
            while (true)
            {
                var parent = node.Parent;
                if (parent is IParenthesizedOperation or IConversionOperation)
                {
                    node = parent;
                }
                else if (parent is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not })
                {
                    testsIPv4 = !testsIPv4;
                    (underAnd, underOr) = (underOr, underAnd);
                    node = parent;
                }
                else if (parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } && parent.Type?.SpecialType == SpecialType.System_Boolean)
                {
                    underAnd = true;
                    node = parent;
                }
                else if (parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } && parent.Type?.SpecialType == SpecialType.System_Boolean)
                {
                    underOr = true;
                    node = parent;
                }
                else
                {
                    break;
                }
            }

            // A predicate that keeps elements drops IPv6 when it requires IPv4 (under && only); one that drops
            // elements (continue, throw, RemoveAll) drops IPv6 when it fires for non-IPv4 (under || only).
            var keepDropsIPv6 = testsIPv4 && !underOr;
            var dropDropsIPv6 = !testsIPv4 && !underAnd;
            if (!keepDropsIPv6 && !dropDropsIPv6)
            {
                return;
            }

            var selection = FindSelection(node, tested, keepDropsIPv6, dropDropsIPv6, symbols);
            if (selection is null)
            {
                return;
            }

            var (use, collection, isInterfaceRecord, guarded) = selection.Value;
            var source = AddressSources.Find(collection, symbols, throughFilters: true);
            if (source is null && isInterfaceRecord)
            {
                source = new AddressSource("the network interfaces' unicast addresses", collection, FirstLocal(collection), null);
            }

            if (source is null || FamilyGuards.IsGuarded(guarded))
            {
                return;
            }

            var comparison = context.Operation.Syntax;
            if (IsExcused(context, facts, comparison) || FallsBack(use, source, symbols))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(FilterRule, comparison.GetLocation(), Properties(FormFilter, null), source.Name));
        }

        /// <summary><c>x.AddressFamily == / != family</c> and <c>x.AddressFamily is (not) family</c>: the tested value and whether "true" means IPv4.</summary>
        private static bool TryReadComparison(IOperation operation, NetSymbols symbols, out IOperation tested, out bool testsIPv4)
        {
            tested = null!;
            testsIPv4 = false;
            IOperation? left, right;
            bool equals;
            switch (operation)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                    left = binary.LeftOperand;
                    right = binary.RightOperand;
                    equals = binary.OperatorKind == BinaryOperatorKind.Equals;
                    break;
                case IIsPatternOperation { Pattern: IConstantPatternOperation constant } isPattern:
                    left = isPattern.Value;
                    right = constant.Value;
                    equals = true;
                    break;
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation negated } } isNot:
                    left = isNot.Value;
                    right = negated.Value;
                    equals = false;
                    break;
                default:
                    return false;
            }

            var family = FamilyOf(right, symbols);
            var property = left;
            if (family == FamilyKind.Unknown)
            {
                family = FamilyOf(left, symbols);
                property = right;
            }

            if (family == FamilyKind.Unknown
                || OperationHelpers.SkipConversions(property) is not IPropertyReferenceOperation { Property.Name: "AddressFamily", Instance: { } instance })
            {
                return false;
            }

            tested = instance;
            testsIPv4 = (family == FamilyKind.IPv4) == equals;
            return true;
        }

        private static FamilyKind FamilyOf(IOperation? operation, NetSymbols symbols)
        {
            operation = OperationHelpers.SkipConversions(operation);
            return operation is not null && NetSymbols.Is(operation.Type, symbols.AddressFamily) && operation.ConstantValue.HasValue
                ? FamilyResolver.Classify(operation.ConstantValue.Value)
                : FamilyKind.Unknown;
        }

        /// <summary>
        /// Where the predicate selects: a lambda given to Where/First/…/RemoveAll over the collection, or an if in a
        /// foreach over it that skips (continue), rejects (throw) or picks (return/break/add) by family, or a throw guard
        /// on a single DNS answer. Returns the use, the collection, whether elements are interface address records, and
        /// the node whose enclosing guards count.
        /// </summary>
        private static (IOperation Use, IOperation Collection, bool InterfaceRecord, SyntaxNode Guarded)? FindSelection(
            IOperation root, IOperation tested, bool keepDropsIPv6, bool dropDropsIPv6, NetSymbols symbols)
        {
            tested = OperationHelpers.SkipConversions(tested)!;
            var isInterfaceRecord = false;
            if (tested is IPropertyReferenceOperation { Property.Name: "Address", Instance: { } record } && InheritsFrom(record.Type, symbols.IPAddressInformation))
            {
                tested = OperationHelpers.SkipConversions(record)!;
                isInterfaceRecord = true;
            }

            var parent = root.Parent;

            // (a) A lambda predicate: x => x.AddressFamily == InterNetwork.
            if (parent is IReturnOperation { Parent: IBlockOperation { Parent: IAnonymousFunctionOperation function } }
                && tested is IParameterReferenceOperation parameter
                && function.Symbol.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(function.Symbol.Parameters[0], parameter.Parameter))
            {
                var argument = Ancestor<IArgumentOperation>(function);
                if (argument?.Parent is not IInvocationOperation invocation)
                {
                    return null;
                }

                var name = invocation.TargetMethod.Name;
                if (!((keepDropsIPv6 && KeepingMethods.Contains(name)) || (dropDropsIPv6 && DroppingMethods.Contains(name))))
                {
                    return null;
                }

                var collection = invocation.Instance
                    ?? (invocation.Arguments.Length > 0 && invocation.Arguments[0] != argument ? invocation.Arguments[0].Value : null);
                return collection is null ? null : (invocation, collection, isInterfaceRecord, invocation.Syntax);
            }

            // (b) An if statement on the element of a loop, or on a single DNS answer.
            if (parent is not IConditionalOperation { Syntax: IfStatementSyntax ifStatement } conditional || conditional.Condition != root
                || tested is not ILocalReferenceOperation local)
            {
                return null;
            }

            var exits = ExitsOnTrue(conditional.WhenTrue);

            // The loop's element, tested directly or through a local copied from it (var address = unicast.Address;).
            var element = local.Local;
            var loop = LoopOf(conditional, element);
            if (loop is null && OperationHelpers.LocalWrites(local) is { IsDefault: false, Length: 1 } copies)
            {
                var copied = OperationHelpers.SkipConversions(copies[0]);
                if (copied is IPropertyReferenceOperation { Property.Name: "Address", Instance: { } owner } && InheritsFrom(owner.Type, symbols.IPAddressInformation))
                {
                    copied = OperationHelpers.SkipConversions(owner);
                    isInterfaceRecord = true;
                }

                if (copied is ILocalReferenceOperation iteration)
                {
                    loop = LoopOf(conditional, iteration.Local);
                }
            }

            if (loop is not null)
            {
                // Picking IPv4 in the loop is a preference when the loop goes on to use the other addresses after it
                // (fallback ??= ip): only a loop that uses nothing else drops IPv6.
                var usedAfter = loop.Body.Descendants().OfType<ILocalReferenceOperation>()
                    .Any(r => r.Syntax.SpanStart > ifStatement.Span.End && (SymbolEqualityComparer.Default.Equals(r.Local, element) || loop.Locals.Contains(r.Local, SymbolEqualityComparer.Default)));
                var selects = keepDropsIPv6 && conditional.WhenFalse is null && Selects(conditional.WhenTrue, element) && !usedAfter;
                var skips = dropDropsIPv6 && exits is SyntaxKind.ContinueStatement or SyntaxKind.ThrowStatement;
                return selects || skips ? (loop, loop.Collection, isInterfaceRecord, ifStatement) : null;
            }

            // var ip = Dns.GetHostAddresses(h)[0]; if (ip.AddressFamily != InterNetwork) throw ...;
            if (dropDropsIPv6 && exits == SyntaxKind.ThrowStatement)
            {
                var writes = OperationHelpers.LocalWrites(local);
                if (!writes.IsDefault && writes.Length == 1 && FirstElementOf(writes[0], out var collection))
                {
                    return (writes[0], collection, isInterfaceRecord, ifStatement);
                }
            }

            return null;
        }

        private static IForEachLoopOperation? LoopOf(IOperation operation, ILocalSymbol local)
            => OperationHelpers.Ancestors(operation).OfType<IForEachLoopOperation>().FirstOrDefault(l => l.Locals.Contains(local, SymbolEqualityComparer.Default));

        private static T? Ancestor<T>(IOperation operation)
            where T : class, IOperation
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case T found:
                        return found;
                    case IDelegateCreationOperation or IConversionOperation:
                        continue;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            for (var current = type; current is not null && baseType is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>continue / throw / return / break as the (only) effect of the branch.</summary>
        private static SyntaxKind? ExitsOnTrue(IOperation branch)
        {
            var syntax = branch.Syntax;
            if (syntax is BlockSyntax { Statements.Count: 1 } block)
            {
                syntax = block.Statements[0];
            }

            return syntax switch
            {
                ContinueStatementSyntax => SyntaxKind.ContinueStatement,
                ThrowStatementSyntax => SyntaxKind.ThrowStatement,
                ExpressionStatementSyntax { Expression: ThrowExpressionSyntax } => SyntaxKind.ThrowStatement,
                _ => null,
            };
        }

        /// <summary>The branch picks the element: returns, yields or breaks, or stores or adds something made from it.</summary>
        private static bool Selects(IOperation branch, ILocalSymbol element)
        {
            foreach (var node in branch.DescendantsAndSelf())
            {
                switch (node)
                {
                    case IReturnOperation:
                    case IBranchOperation { BranchKind: BranchKind.Break }:
                        return true;
                    case ISimpleAssignmentOperation assignment when References(assignment.Value, element):
                        return true;
                    case IInvocationOperation { TargetMethod.Name: "Add" or "Enqueue" or "Push" or "Insert" } add when add.Arguments.Any(a => References(a.Value, element)):
                        return true;
                }
            }

            return false;
        }

        private static bool References(IOperation operation, ILocalSymbol local)
            => operation.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, local));

        /// <summary><c>addresses[0]</c>, <c>list[0]</c>, <c>addresses.First()</c>, <c>FirstOrDefault()</c> without a predicate.</summary>
        private static bool FirstElementOf(IOperation value, out IOperation collection)
        {
            collection = null!;
            switch (OperationHelpers.SkipConversions(value))
            {
                case IArrayElementReferenceOperation { Indices: { Length: 1 } indices } element when indices[0].ConstantValue is { HasValue: true, Value: 0 }:
                    collection = element.ArrayReference;
                    return true;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments: { Length: 1 } arguments, Instance: { } instance } when arguments[0].Value.ConstantValue is { HasValue: true, Value: 0 }:
                    collection = instance;
                    return true;
                case IInvocationOperation { TargetMethod.Name: "First" or "FirstOrDefault", Arguments: { Length: 1 } arguments } first when first.TargetMethod.IsExtensionMethod || first.TargetMethod.ReducedFrom is not null || first.TargetMethod.IsStatic:
                    collection = arguments[0].Value;
                    return true;
                default:
                    return false;
            }
        }

        private static ILocalSymbol? FirstLocal(IOperation collection)
            => OperationHelpers.SkipConversions(collection)?.DescendantsAndSelf().OfType<ILocalReferenceOperation>().FirstOrDefault()?.Local;

        /// <summary>
        /// Prefer-IPv4-then-fall-back: the unfiltered addresses are read again after the selection (the source
        /// local, another lookup of the same name), or the selection's result is <c>?? something</c> that is not a throw or null.
        /// </summary>
        private static bool FallsBack(IOperation use, AddressSource source, NetSymbols symbols)
        {
            var parent = use.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            if (parent is ICoalesceOperation coalesce && coalesce.Value.Syntax.Span.Contains(use.Syntax.Span)
                && OperationHelpers.SkipConversions(coalesce.WhenNull) is not (IThrowOperation or ILiteralOperation or IDefaultValueOperation))
            {
                return true;
            }

            var chain = AddressSources.Chain(use, source);
            foreach (var node in OperationHelpers.Root(use).Descendants())
            {
                // Only a read after the selection can be a fallback to it.
                if (chain.Contains(node) || node.Syntax.SpanStart < use.Syntax.SpanStart)
                {
                    continue;
                }

                switch (node)
                {
                    case ILocalReferenceOperation reference when source.Local is not null && SymbolEqualityComparer.Default.Equals(reference.Local, source.Local):
                        return true;
                    case IInvocationOperation invocation when AddressSources.IsDnsLookup(invocation.TargetMethod, symbols) && SameHost(invocation, source):
                        return true;
                    case IPropertyReferenceOperation { Property.Name: "UnicastAddresses" } when source.Origin is IPropertyReferenceOperation { Property.Name: "UnicastAddresses" }:
                        return true;
                }
            }

            return false;
        }

        /// <summary>Another lookup of the same name (written the same way) is a second look at the same answers.</summary>
        private static bool SameHost(IInvocationOperation lookup, AddressSource source)
            => source.HostArgument is not null && lookup.Arguments.Length > 0
               && TypeTraits.Normalize(lookup.Arguments[0].Value.Syntax) == TypeTraits.Normalize(source.HostArgument.Syntax);

        /// <summary>
        /// Never flag: the method also works with IPv6 (names InterNetworkV6 / IPv6Any / IPv6Loopback elsewhere), SOCKS4
        /// (an IPv4-only protocol by design), IPv4-only protocol types, and code that does not compile.
        /// </summary>
        private static bool IsExcused(OperationAnalysisContext context, CompilationFacts facts, SyntaxNode flagged)
        {
            var type = CompilationFacts.ContainingType(context.ContainingSymbol);
            if (IsSocks4(context.ContainingSymbol) || facts.IsIPv4OnlyProtocol(type, null, flagged, context.CancellationToken))
            {
                return true;
            }

            var member = OperationHelpers.Root(context.Operation).Syntax;
            foreach (var token in Walks.Tokens(member, context.CancellationToken))
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText is "InterNetworkV6" or "IPv6Any" or "IPv6Loopback" && !flagged.Span.Contains(token.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSocks4(ISymbol symbol)
        {
            for (var current = symbol; current is not null && current is not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.Name.IndexOf("socks4", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static ImmutableDictionary<string, string?> Properties(string form, string? noFix)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, form);
            return noFix is null ? properties : properties.Add(NoFixReasonProperty, noFix);
        }

        // ---- Family-restricted lookups, first-address connects ----------------------------------------------------

        private static void AnalyzeInvocation(OperationAnalysisContext context, CompilationFacts facts)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var symbols = facts.Symbols;
            if (method.Name.StartsWith("GetHost", StringComparison.Ordinal) && AddressSources.IsDnsLookup(method, symbols))
            {
                var familyArgument = invocation.Arguments.FirstOrDefault(a => NetSymbols.Is(a.Parameter?.Type, symbols.AddressFamily));
                if (familyArgument is not null)
                {
                    AnalyzeFamily(context, facts, familyArgument, "Dns." + method.Name + "(…, AddressFamily.InterNetwork)", FormFamilyLookup,
                        "; a lookup for one family also throws when the name has no such address, so code after it cannot fall back");
                }
            }
            else if (IsConnectName(method.Name)
                && (NetSymbols.Is(method.ContainingType, symbols.Socket) || NetSymbols.Is(method.ContainingType, symbols.TcpClient) || NetSymbols.Is(method.ContainingType, symbols.UdpClient)))
            {
                AnalyzeConnect(context, facts, invocation);
            }
        }

        private static bool IsConnectName(string name) => name is "Connect" or "ConnectAsync" or "BeginConnect";

        private static void AnalyzeFamily(OperationAnalysisContext context, CompilationFacts facts, IArgumentOperation argument, string display, string form, string note)
        {
            var family = FamilyResolver.Resolve(argument.Value, facts.Symbols);
            if (family.Kind != FamilyKind.IPv4 || argument.IsImplicit)
            {
                return;
            }

            var reported = argument.Value.Syntax;
            if (FamilyGuards.IsGuarded(context.Operation.Syntax) || (family.Origin is not null && FamilyGuards.IsGuarded(family.Origin))
                || IsExcused(context, facts, reported) || FallsBackInCatch(context.Operation.Syntax))
            {
                return;
            }

            var additional = family.Origin is not null && !reported.Span.Contains(family.Origin.Span) ? new[] { family.Origin.GetLocation() } : Array.Empty<Location>();
            var noFix = family.IsConfigurable ? "the family comes from " + family.Display + "; make that default accept both families" : null;
            var suffix = note + (noFix is null ? string.Empty : "; no automatic fix: " + noFix);
            context.ReportDiagnostic(Diagnostic.Create(FamilyRule, reported.GetLocation(), additional, Properties(form, noFix), display, suffix));
        }

        /// <summary>A try whose catch looks the name up again: the family-restricted lookup is a preference with a fallback.</summary>
        private static bool FallsBackInCatch(SyntaxNode node)
        {
            foreach (var tryStatement in node.Ancestors().OfType<TryStatementSyntax>())
            {
                if (tryStatement.Block.Span.Contains(node.Span)
                    && tryStatement.Catches.Any(c => c.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Any(a => a.Name.Identifier.ValueText.StartsWith("GetHost", StringComparison.Ordinal))))
                {
                    return true;
                }
            }

            return false;
        }

        private static void AnalyzeConnect(OperationAnalysisContext context, CompilationFacts facts, IInvocationOperation invocation)
        {
            var symbols = facts.Symbols;
            foreach (var argument in invocation.Arguments)
            {
                IOperation? address;
                if (NetSymbols.Is(argument.Parameter?.Type, symbols.IPAddress))
                {
                    address = argument.Value;
                }
                else if (NetSymbols.Is(argument.Parameter?.Type, symbols.IPEndPoint) || NetSymbols.Is(argument.Parameter?.Type, symbols.EndPoint))
                {
                    address = BindSite.ResolveEndpointCreation(argument.Value, symbols) is { Arguments.Length: 2 } endpoint ? endpoint.Arguments[0].Value : null;
                }
                else
                {
                    continue;
                }

                // Through one local: var first = addresses[0]; socket.Connect(first, port);
                var element = OperationHelpers.SkipConversions(address);
                if (element is ILocalReferenceOperation local)
                {
                    var writes = OperationHelpers.LocalWrites(local);
                    element = !writes.IsDefault && writes.Length == 1 ? writes[0] : null;
                }

                if (element is null || !FirstElementOf(element, out var collection)
                    || AddressSources.Find(collection, symbols, throughFilters: false) is not { } source || !source.Name.StartsWith("Dns.", StringComparison.Ordinal))
                {
                    continue;
                }

                // Written in the call: reported at the pick itself; through a local: at the use, with the pick as the other end.
                var inline = argument.Value.Syntax.Span.Contains(element.Syntax.Span);
                var reported = inline ? element.Syntax : argument.Value.Syntax;
                if (FamilyGuards.IsGuarded(invocation.Syntax) || IsExcused(context, facts, reported))
                {
                    return;
                }

                var additional = inline ? Array.Empty<Location>() : new[] { element.Syntax.GetLocation() };
                var display = inline ? "'" + element.Syntax + "'" : "'" + reported + "' ('" + element.Syntax + "')";
                context.ReportDiagnostic(Diagnostic.Create(FirstAddressRule, reported.GetLocation(), additional, Properties(FormFirstAddress, null), display, source.Name));
                return;
            }
        }

        // ---- DnsEndPoint(host, port, InterNetwork); IPv4 sockets in an HttpClient ConnectCallback --------------------

        private static void AnalyzeCreation(OperationAnalysisContext context, CompilationFacts facts)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var symbols = facts.Symbols;
            if (NetSymbols.Is(creation.Type, symbols.DnsEndPoint))
            {
                var familyArgument = creation.Arguments.FirstOrDefault(a => NetSymbols.Is(a.Parameter?.Type, symbols.AddressFamily));
                if (familyArgument is not null)
                {
                    AnalyzeFamily(context, facts, familyArgument, "new DnsEndPoint(…, AddressFamily.InterNetwork)", FormDnsEndPoint, string.Empty);
                }

                return;
            }

            if (!NetSymbols.Is(creation.Type, symbols.Socket) || SocketCreation.FamilyArgument(creation) is not { } socketFamily
                || creation.Arguments.Length != 3 || SocketCreation.IsRawOrIcmp(creation))
            {
                return;
            }

            var family = FamilyResolver.Resolve(socketFamily.Value, symbols);
            if (family.Kind != FamilyKind.IPv4 || FamilyGuards.IsGuarded(creation.Syntax) || !ConnectCallbacks.Contains(creation, context.ContainingSymbol, symbols, context.CancellationToken))
            {
                return;
            }

            var reported = socketFamily.Value.Syntax;
            var additional = family.Origin is not null && !reported.Span.Contains(family.Origin.Span) ? new[] { family.Origin.GetLocation() } : Array.Empty<Location>();
            var noFix = family.IsConfigurable ? "the family comes from " + family.Display + "; make that default dual-stack" : null;
            context.ReportDiagnostic(Diagnostic.Create(ConnectCallbackRule, reported.GetLocation(), additional, Properties(FormConnectCallback, noFix),
                family.Display, noFix is null ? string.Empty : "; no automatic fix: " + noFix));
        }
    }
}
