using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// Which rule other than DS0020/DS0021 is responsible for an IPv4 literal, so that one literal gets one diagnostic.
    /// rules.md: DS0020 does not report "literals that DS0040/DS0041 already own". A literal is owned by its position,
    /// whether or not the owning rule reports there (a proxy entry next to an IPv6 one is silent for both rules):
    /// <list type="bullet">
    /// <item>DS0041: an entry of ForwardedHeadersOptions.KnownProxies / KnownNetworks / KnownIPNetworks
    /// (<c>KnownProxies.Add(IPAddress.Parse("10.0.0.1"))</c>, <c>new IPNetwork(IPAddress.Parse("10.0.0.0"), 8)</c>,
    /// <c>IPNetwork.Parse("10.0.0.0/8")</c>, collection initializers).</item>
    /// <item>DS0040: what a peer address is compared with (<c>remote.Equals(IPAddress.Parse("10.0.0.7"))</c>,
    /// <c>ip.ToString() == "10.0.0.7"</c>, an allow-list passed to <c>Contains(peer)</c>, in a local or a readonly field of
    /// the type) — also when the peer was normalised first, where DS0040 itself is silent.</item>
    /// </list>
    /// </summary>
    internal static class LiteralOwnership
    {
        private const int MaxSteps = 12;

        /// <summary>
        /// The ID of the peer rule that owns the literal (<see cref="RuleIds.PeerAddressComparedAsIPv4"/> or
        /// <see cref="RuleIds.ForwardedHeadersProxiesIPv4Only"/>), or null. <paramref name="literal"/> is the operation of
        /// the string literal (or of the constant byte array / IPAddress expression) the caller is about to report.
        /// Cheap enough to call for every literal a literal rule would report; never throws on incomplete code.
        /// </summary>
        public static string? OwnerOf(IOperation literal, CompilationFacts facts, CancellationToken cancellationToken = default)
        {
            var symbols = facts.Symbols;
            var current = literal;
            for (var step = 0; step < MaxSteps && current.Parent is { } parent; step++)
            {
                switch (parent)
                {
                    // The literal inside the value that carries it: Parse("…"), new IPAddress(new byte[] { … }),
                    // new IPNetwork(address, 8), an array or collection initializer, a conversion.
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case IArrayInitializerOperation:
                    case IArrayCreationOperation:
                    case IObjectOrCollectionInitializerOperation:
                    case IObjectCreationOperation:
                    case ICoalesceOperation:
                        current = parent;
                        continue;

                    case IArgumentOperation argument:
                        if (argument.Parent is IInvocationOperation invocation)
                        {
                            if (IsAddressFactory(invocation.TargetMethod, symbols))
                            {
                                current = invocation;
                                continue;
                            }

                            if (invocation.TargetMethod.Name is "Add" or "Insert" && ForwardedProxyEntries.TryGet(invocation, symbols) is not null)
                            {
                                return RuleIds.ForwardedHeadersProxiesIPv4Only;
                            }

                            // A collection initializer's implicit Add(…): the collection carries the literal.
                            if (invocation.IsImplicit)
                            {
                                current = invocation;
                                continue;
                            }

                            return ComparedWithPeer(invocation, facts, cancellationToken) ? RuleIds.PeerAddressComparedAsIPv4 : null;
                        }

                        if (argument.Parent is IObjectCreationOperation creation)
                        {
                            current = creation;
                            continue;
                        }

                        return null;

                    // A collection initializer's implicit Add(…).
                    case IInvocationOperation { IsImplicit: true } implicitAdd:
                        if (ForwardedProxyEntries.TryGet(implicitAdd, symbols) is not null)
                        {
                            return RuleIds.ForwardedHeadersProxiesIPv4Only;
                        }

                        current = implicitAdd;
                        continue;

                    case IInvocationOperation receiverCall when receiverCall.Instance == current:
                        return ComparedWithPeer(receiverCall, facts, cancellationToken) ? RuleIds.PeerAddressComparedAsIPv4 : null;

                    case IBinaryOperation or IIsPatternOperation or IConstantPatternOperation or IBinaryPatternOperation:
                        if (ComparedWithPeer(parent, facts, cancellationToken))
                        {
                            return RuleIds.PeerAddressComparedAsIPv4;
                        }

                        if (parent is IConstantPatternOperation or IBinaryPatternOperation)
                        {
                            current = parent;
                            continue;
                        }

                        return null;

                    // Stored in a local: owned when a use of that local in the same body is compared with a peer.
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return LocalComparedWithPeer(declarator.Symbol, parent, facts, cancellationToken) ? RuleIds.PeerAddressComparedAsIPv4 : null;

                    // An allow-list field (static readonly HashSet<string> Allowed = { … }): owned when the type compares a peer with it.
                    case IFieldInitializerOperation fieldInitializer:
                        foreach (var field in fieldInitializer.InitializedFields)
                        {
                            if (field.IsReadOnly && FieldComparedWithPeer(field, parent, facts, cancellationToken))
                            {
                                return RuleIds.PeerAddressComparedAsIPv4;
                            }
                        }

                        return null;

                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>True when DS0020/DS0021 must stay silent on the literal.</summary>
        public static bool IsOwnedByPeerRules(IOperation literal, CompilationFacts facts, CancellationToken cancellationToken = default)
            => OwnerOf(literal, facts, cancellationToken) is not null;

        private static bool IsAddressFactory(IMethodSymbol method, NetSymbols symbols)
        {
            if (method.Name is not ("Parse" or "TryParse") || !method.IsStatic)
            {
                return false;
            }

            var type = method.ContainingType;
            return NetSymbols.Is(type, symbols.IPAddress)
                   || NetSymbols.Is(type, symbols.Peers.SystemIPNetwork)
                   || NetSymbols.Is(type, symbols.Peers.HttpOverridesIPNetwork);
        }

        private static bool ComparedWithPeer(IOperation comparison, CompilationFacts facts, CancellationToken cancellationToken)
        {
            if (comparison is IConstantPatternOperation or IBinaryPatternOperation)
            {
                for (var parent = comparison.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IIsPatternOperation isPattern)
                    {
                        comparison = isPattern;
                        break;
                    }

                    if (parent is not (IBinaryPatternOperation or INegatedPatternOperation))
                    {
                        return false;
                    }
                }
            }

            return PeerComparison.TryMatch(comparison, facts.Symbols, facts.Target, new PeerTraceOptions(true, cancellationToken)) is not null;
        }

        /// <summary>A use of the field in its type's declarations of the same tree is compared with a peer.</summary>
        private static bool FieldComparedWithPeer(IFieldSymbol field, IOperation anchor, CompilationFacts facts, CancellationToken cancellationToken)
        {
            var model = anchor.SemanticModel;
            if (model is null)
            {
                return false;
            }

            foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != model.SyntaxTree)
                {
                    continue;
                }

                foreach (var identifier in IdentifierIndex.Named(reference.GetSyntax(cancellationToken), field.Name, cancellationToken))
                {
                    if (model.GetOperation(identifier, cancellationToken) is not IFieldReferenceOperation use
                        || !SymbolEqualityComparer.Default.Equals(use.Field, field))
                    {
                        continue;
                    }

                    IOperation current = use;
                    while (current.Parent is IConversionOperation or IParenthesizedOperation or IArgumentOperation)
                    {
                        current = current.Parent;
                    }

                    if (current.Parent is { } comparison && ComparedWithPeer(comparison, facts, cancellationToken))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool LocalComparedWithPeer(ILocalSymbol local, IOperation anchor, CompilationFacts facts, CancellationToken cancellationToken)
        {
            foreach (var node in OperationHelpers.Root(anchor).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (node is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && !reference.IsDeclaration)
                {
                    var use = (IOperation)reference;
                    while (use.Parent is IConversionOperation or IParenthesizedOperation or IArgumentOperation)
                    {
                        use = use.Parent;
                    }

                    if (use.Parent is { } comparison && ComparedWithPeer(comparison, facts, cancellationToken))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
