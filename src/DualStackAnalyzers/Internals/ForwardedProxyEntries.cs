using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>An entry added to ForwardedHeadersOptions.KnownProxies / KnownNetworks / KnownIPNetworks.</summary>
    internal readonly struct ForwardedProxyEntry
    {
        public ForwardedProxyEntry(IInvocationOperation add, IOperation value, bool isNetwork, object optionsKey)
        {
            Add = add;
            Value = value;
            IsNetwork = isNetwork;
            OptionsKey = optionsKey;
        }

        /// <summary>The <c>Add</c>/<c>Insert</c> call (explicit, or the one a collection initializer makes).</summary>
        public IInvocationOperation Add { get; }

        /// <summary>The address or network added.</summary>
        public IOperation Value { get; }

        public bool IsNetwork { get; }

        /// <summary>Identifies one options object: a local, parameter, field or property symbol, or the creation's syntax.</summary>
        public object OptionsKey { get; }
    }

    /// <summary>
    /// Recognises the entries of a ForwardedHeadersOptions proxy list (DS0041): <c>o.KnownProxies.Add(a)</c>,
    /// <c>o.KnownNetworks.Add(n)</c>, <c>o.KnownIPNetworks.Add(n)</c>, <c>Insert</c>, and collection initializers
    /// (<c>new ForwardedHeadersOptions { KnownProxies = { a } }</c>).
    /// </summary>
    internal static class ForwardedProxyEntries
    {
        public static bool IsCandidateName(string name) => name is "Add" or "Insert";

        public static ForwardedProxyEntry? TryGet(IInvocationOperation invocation, NetSymbols symbols)
        {
            var options = symbols.Peers.ForwardedHeadersOptions;
            if (options is null || !IsCandidateName(invocation.TargetMethod.Name) || invocation.Arguments.Length == 0)
            {
                return null;
            }

            var list = ListReference(invocation);
            if (list is null || !SymbolEqualityComparer.Default.Equals(list.Property.ContainingType, options))
            {
                return null;
            }

            bool isNetwork;
            switch (list.Property.Name)
            {
                case "KnownProxies":
                    isNetwork = false;
                    break;
                case "KnownNetworks":
                case "KnownIPNetworks":
                    isNetwork = true;
                    break;
                default:
                    return null;
            }

            // Add(item) / Insert(index, item): the item is the last argument.
            var value = invocation.Arguments[invocation.Arguments.Length - 1].Value;
            var key = OptionsKey(list.Instance);
            return key is null ? null : new ForwardedProxyEntry(invocation, value, isNetwork, key);
        }

        /// <summary>The <c>options.KnownProxies</c> reference that an Add call adds to.</summary>
        private static IPropertyReferenceOperation? ListReference(IInvocationOperation invocation)
        {
            var instance = OperationHelpers.SkipConversions(invocation.Instance);
            if (instance is IPropertyReferenceOperation property)
            {
                return property;
            }

            // Collection initializer: the Add's receiver is implicit; the member initializer names the list.
            if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                && invocation.Parent is IObjectOrCollectionInitializerOperation { Parent: IMemberInitializerOperation member })
            {
                return member.InitializedMember as IPropertyReferenceOperation;
            }

            return null;
        }

        private static object? OptionsKey(IOperation? instance)
        {
            instance = OperationHelpers.SkipConversions(instance);
            switch (instance)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation property:
                    return property.Property;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } implicitReceiver:
                    // new ForwardedHeadersOptions { KnownProxies = { … } }: the creation, or the variable it is stored in.
                    for (var parent = implicitReceiver.Parent; parent is not null; parent = parent.Parent)
                    {
                        if (parent is IObjectCreationOperation creation)
                        {
                            return (object?)StoredInto(creation) ?? creation.Syntax;
                        }
                    }

                    return null;
                case IInstanceReferenceOperation:
                    return "this";
                default:
                    return null;
            }
        }

        private static ISymbol? StoredInto(IObjectCreationOperation creation)
        {
            IOperation current = creation;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: var target } assignment when assignment.Value == current => OperationHelpers.ReferencedSymbol(target),
                _ => null,
            };
        }

        /// <summary>The family of one entry's value.</summary>
        public static KnownAddress FamilyOf(ForwardedProxyEntry entry, NetSymbols symbols)
            => entry.IsNetwork ? KnownAddressValues.OfNetwork(entry.Value, symbols) : KnownAddressValues.OfAddress(entry.Value, symbols);
    }
}
