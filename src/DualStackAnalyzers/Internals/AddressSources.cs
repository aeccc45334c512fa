using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>A collection of addresses that came from DNS or from the network interfaces.</summary>
    internal sealed class AddressSource
    {
        public AddressSource(string name, IOperation origin, ILocalSymbol? local, IOperation? hostArgument)
        {
            Name = name;
            Origin = origin;
            Local = local;
            HostArgument = hostArgument;
        }

        /// <summary>Every operation followed from the use back to the source (awaits, locals' values, LINQ steps).</summary>
        public List<IOperation> Trail { get; } = new List<IOperation>();

        /// <summary>How a message names the source: "Dns.GetHostAddresses", "the network interfaces' unicast addresses".</summary>
        public string Name { get; }

        /// <summary>The DNS call or the UnicastAddresses read.</summary>
        public IOperation Origin { get; }

        /// <summary>The first local the collection passes through on its way to the use, if any (a fallback reads it again).</summary>
        public ILocalSymbol? Local { get; }

        /// <summary>The host name argument of the DNS call, when it is a string.</summary>
        public IOperation? HostArgument { get; }
    }

    /// <summary>
    /// Follows a collection of IPAddress (or of per-interface address records) back to Dns.GetHostAddresses(Async),
    /// Dns.GetHostEntry(Async).AddressList, or NetworkInterface.GetIPProperties().UnicastAddresses: through awaits,
    /// locals, .Result and LINQ/ToArray/ToList steps (DS0011).
    /// </summary>
    internal static class AddressSources
    {
        private const int MaxDepth = 8;

        /// <summary>The source of <paramref name="collection"/>; <paramref name="throughFilters"/> false stops at Where/First(predicate) steps.</summary>
        public static AddressSource? Find(IOperation? collection, NetSymbols symbols, bool throughFilters)
        {
            var trail = new List<IOperation>();
            var source = Find(collection, symbols, throughFilters, null, 0, trail);
            source?.Trail.AddRange(trail);
            return source;
        }

        /// <summary>A Dns method that returns addresses (or an entry whose AddressList holds them).</summary>
        public static bool IsDnsLookup(IMethodSymbol method, NetSymbols symbols)
            => NetSymbols.Is(method.ContainingType, symbols.Dns)
               && method.Name is "GetHostAddresses" or "GetHostAddressesAsync" or "EndGetHostAddresses" or "GetHostEntry" or "GetHostEntryAsync"
                   or "EndGetHostEntry" or "Resolve" or "EndResolve" or "GetHostByName";

        private static AddressSource? Find(IOperation? operation, NetSymbols symbols, bool throughFilters, ILocalSymbol? local, int depth, List<IOperation> trail)
        {
            operation = OperationHelpers.SkipConversions(operation);
            if (operation is null || depth > MaxDepth)
            {
                return null;
            }

            trail.Add(operation);

            switch (operation)
            {
                case IAwaitOperation awaited:
                    return Find(awaited.Operation, symbols, throughFilters, local, depth + 1, trail);

                case IInvocationOperation invocation when IsDnsLookup(invocation.TargetMethod, symbols):
                    if (invocation.TargetMethod.Name is "GetHostEntry" or "GetHostEntryAsync" or "EndGetHostEntry" or "Resolve" or "EndResolve" or "GetHostByName")
                    {
                        // An IPHostEntry, not the addresses: only reached through .AddressList below.
                        return null;
                    }

                    return new AddressSource("Dns." + invocation.TargetMethod.Name.Replace("Async", string.Empty).Replace("End", string.Empty), invocation, local, HostOf(invocation));

                case IInvocationOperation invocation:
                    return FindThroughInvocation(invocation, symbols, throughFilters, local, depth, trail);

                case IPropertyReferenceOperation { Property.Name: "AddressList" } addressList when NetSymbols.Is(addressList.Property.ContainingType, symbols.IPHostEntry):
                    var entry = FindEntry(addressList.Instance, symbols, 0, trail);
                    var name = entry is null ? "Dns.GetHostEntry" : "Dns." + entry.TargetMethod.Name.Replace("Async", string.Empty).Replace("End", string.Empty);
                    return new AddressSource(name, addressList, local, entry is null ? null : HostOf(entry));

                case IPropertyReferenceOperation { Property.Name: "UnicastAddresses" } unicast when NetSymbols.Is(unicast.Property.ContainingType, symbols.IPInterfaceProperties):
                    return new AddressSource("the network interfaces' unicast addresses", unicast, local, null);

                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } task }:
                    return Find(task, symbols, throughFilters, local, depth + 1, trail);

                case ILocalReferenceOperation reference:
                    var writes = OperationHelpers.LocalWrites(reference);
                    if (writes.IsDefault || writes.Length != 1)
                    {
                        return null;
                    }

                    return Find(writes[0], symbols, throughFilters, local ?? reference.Local, depth + 1, trail);

                default:
                    return null;
            }
        }

        /// <summary>LINQ and collection steps between the source and the use.</summary>
        private static AddressSource? FindThroughInvocation(IInvocationOperation invocation, NetSymbols symbols, bool throughFilters, ILocalSymbol? local, int depth, List<IOperation> trail)
        {
            var method = invocation.TargetMethod;
            var isEnumerable = NetSymbols.Is(method.ContainingType, symbols.Enumerable);
            if (!isEnumerable && method.Name is not ("ToArray" or "ToList"))
            {
                return null;
            }

            IOperation? source = isEnumerable ? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null) : invocation.Instance;
            switch (method.Name)
            {
                case "SelectMany" when invocation.Arguments.Length == 2:
                    // nics.SelectMany(n => n.GetIPProperties().UnicastAddresses): the lambda returns the source.
                    return LambdaResult(invocation.Arguments[1].Value) is { } result ? Find(result, symbols, throughFilters, local, depth + 1, trail) : null;
                case "Where" when !throughFilters:
                    return null;
                case "Select" or "Where" or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "Distinct" or "ToArray" or "ToList" or "AsEnumerable" or "Cast" or "Take" or "Skip":
                    return Find(source, symbols, throughFilters, local, depth + 1, trail);
                default:
                    return null;
            }
        }

        private static IOperation? LambdaResult(IOperation? value)
        {
            value = OperationHelpers.SkipConversions(value);
            if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation function }
                && function.Body.Operations.Length == 1 && function.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned })
            {
                return returned;
            }

            return null;
        }

        /// <summary>The Dns call that produced an IPHostEntry, through awaits and locals.</summary>
        private static IInvocationOperation? FindEntry(IOperation? operation, NetSymbols symbols, int depth, List<IOperation> trail)
        {
            operation = OperationHelpers.SkipConversions(operation);
            if (operation is null || depth > 4)
            {
                return null;
            }

            trail.Add(operation);

            switch (operation)
            {
                case IAwaitOperation awaited:
                    return FindEntry(awaited.Operation, symbols, depth + 1, trail);
                case IInvocationOperation invocation when IsDnsLookup(invocation.TargetMethod, symbols):
                    return invocation;
                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } task }:
                    return FindEntry(task, symbols, depth + 1, trail);
                case ILocalReferenceOperation reference:
                    var writes = OperationHelpers.LocalWrites(reference);
                    return !writes.IsDefault && writes.Length == 1 ? FindEntry(writes[0], symbols, depth + 1, trail) : null;
                default:
                    return null;
            }
        }

        private static IOperation? HostOf(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0 && argument.Parameter.Type.SpecialType == SpecialType.System_String)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>Every operation of the chain from <paramref name="use"/> down to the source (a fallback reads the source outside it).</summary>
        public static HashSet<IOperation> Chain(IOperation use, AddressSource source)
        {
            var chain = new HashSet<IOperation>();
            foreach (var node in use.DescendantsAndSelf())
            {
                chain.Add(node);
            }

            foreach (var step in source.Trail)
            {
                foreach (var node in step.DescendantsAndSelf())
                {
                    chain.Add(node);
                }
            }

            return chain;
        }
    }
}
