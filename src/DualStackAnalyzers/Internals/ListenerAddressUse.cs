using System.Threading;
using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// Is a written address a listener's local address? Then it belongs to the listener rules (DS0002 for 0.0.0.0,
    /// DS0004 for loopback), not to DS0021 (a client target). Covers the bind sites of <see cref="BindSite"/>, the URL
    /// sinks of <see cref="ListenerUrls"/> (the listener rules' own definition) and, by name where those types are
    /// absent, the URL sinks of ASP.NET Core and HttpListener: <c>UseUrls</c>, <c>app.Run(url)</c>, <c>app.Urls.Add</c>,
    /// <c>UseSetting("urls", …)</c>, <c>Prefixes.Add</c>, <c>config["urls"]</c> / <c>Kestrel:Endpoints:*:Url</c>
    /// (indexers, in-memory dictionaries, key/value pairs) and <c>ASPNETCORE_URLS</c>/<c>DOTNET_URLS</c> set in code;
    /// directly, through string concatenation or interpolation, arrays, locals and constants of the same type.
    /// </summary>
    internal static class ListenerAddressUse
    {
        private const int MaxDepth = 3;

        /// <summary><paramref name="operation"/> is the literal (or interpolated string) that writes the address.</summary>
        public static bool IsListenerAddress(IOperation operation, NetSymbols symbols, CancellationToken cancellationToken = default) => IsListenerValue(operation, symbols, 0, cancellationToken);

        private static bool IsListenerValue(IOperation value, NetSymbols symbols, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            var current = value;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation or IParenthesizedOperation or IInterpolatedStringTextOperation or IInterpolationOperation
                        or IInterpolatedStringOperation or IArrayInitializerOperation or IArrayCreationOperation:
                        current = parent;
                        continue;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                        current = parent;
                        continue;
                    case IArgumentOperation argument:
                        return IsListenerArgument(argument, symbols)
                            || (argument.Parent is IObjectCreationOperation { Type.Name: "IPEndPoint" } or IInvocationOperation { TargetMethod.Name: "Parse" }
                                && IsListenerValue(argument.Parent, symbols, depth, cancellationToken));
                    case ISimpleAssignmentOperation assignment when assignment.Value == current:
                        return IsSinkValue(assignment, current, symbols) || IsListenerKey(assignment.Target) || FollowsToListener(assignment.Target, symbols, depth, cancellationToken);
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return FollowsLocal(declarator, symbols, depth, cancellationToken);
                    case IFieldInitializerOperation fieldInitializer:
                        foreach (var field in fieldInitializer.InitializedFields)
                        {
                            if (FollowsField(field, value, symbols, depth, cancellationToken))
                            {
                                return true;
                            }
                        }

                        return false;
                    default:
                        return parent is not null && IsBindAddress(parent, current, symbols);
                }
            }
        }

        /// <summary>The address (or its endpoint) is the local address of a TcpListener, Socket.Bind, UdpClient or Kestrel Listen.</summary>
        private static bool IsBindAddress(IOperation parent, IOperation current, NetSymbols symbols)
        {
            var site = BindSite.TryGet(parent, symbols);
            return site?.AddressArgument is not null && site.AddressArgument.Value.Syntax.Span.Contains(current.Syntax.Span);
        }

        private static bool IsListenerArgument(IArgumentOperation argument, NetSymbols symbols)
        {
            if (argument.Parent is { } call && BindSite.TryGet(call, symbols)?.AddressArgument == argument)
            {
                return true; // new TcpListener(address, port), socket.Bind(endpoint), new UdpClient(endpoint), Kestrel Listen
            }

            // The URL sinks of the listener rules (DS0002/DS0004/DS0006), so that DS0021 and DS0004 agree on what a listener URL is.
            if (argument.Parent is { } sinkCall && IsSinkValue(sinkCall, argument.Value, symbols))
            {
                return true;
            }

            if (argument.Parent is IObjectCreationOperation creation)
            {
                // new KeyValuePair<string, string>("Urls", url)
                return creation.Arguments.Length == 2 && creation.Arguments[1] == argument && IsListenerKeyText(creation.Arguments[0].Value.ConstantValue);
            }

            if (argument.Parent is not IInvocationOperation invocation)
            {
                return false;
            }

            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "UseUrls":
                    return true;
                case "Run":
                case "RunAsync":
                case "Start":
                case "StartAsync":
                    return method.ContainingType?.Name is "WebApplication" or "WebHost";
                case "Add":
                    if (invocation.Instance is IPropertyReferenceOperation { Property.Name: "Urls" or "Prefixes" })
                    {
                        return true; // app.Urls.Add(url), listener.Prefixes.Add(prefix)
                    }

                    // new Dictionary<string, string?> { { "Urls", url } } for in-memory configuration
                    return invocation.Arguments.Length == 2 && invocation.Arguments[1] == argument && IsListenerKeyText(invocation.Arguments[0].Value.ConstantValue);
                case "UseSetting":
                    return invocation.Arguments.Length == 2 && invocation.Arguments[1] == argument
                        && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } && key.Equals("urls", StringComparison.OrdinalIgnoreCase);
                case "SetEnvironmentVariable":
                    return invocation.Arguments.Length >= 2 && invocation.Arguments[1] == argument
                        && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string variable }
                        && (variable.Equals("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase) || variable.Equals("DOTNET_URLS", StringComparison.OrdinalIgnoreCase));
                default:
                    return false;
            }
        }

        /// <summary>Is <paramref name="value"/> the text that <see cref="ListenerUrls"/> says reaches a listener at <paramref name="operation"/>?</summary>
        private static bool IsSinkValue(IOperation operation, IOperation value, NetSymbols symbols)
            => ListenerUrls.TryGetSink(operation, symbols) is { } sink && sink.Value.Syntax.Span.Contains(value.Syntax.Span);

        /// <summary>config["urls"] = …, options["Kestrel:Endpoints:Http:Url"] = …, and dictionary index initializers.</summary>
        private static bool IsListenerKey(IOperation target)
            => target is IPropertyReferenceOperation { Property.IsIndexer: true } indexer
                && indexer.Arguments.Length == 1
                && IsListenerKeyText(indexer.Arguments[0].Value.ConstantValue);

        private static bool IsListenerKeyText(Optional<object?> constant)
        {
            if (!constant.HasValue || constant.Value is not string key)
            {
                return false;
            }

            return key.Equals("urls", StringComparison.OrdinalIgnoreCase)
                || key.Equals("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase)
                || key.Equals("DOTNET_URLS", StringComparison.OrdinalIgnoreCase)
                || (key.StartsWith("Kestrel:Endpoints:", StringComparison.OrdinalIgnoreCase) && key.EndsWith(":Url", StringComparison.OrdinalIgnoreCase))
                || (key.StartsWith("Kestrel__Endpoints__", StringComparison.OrdinalIgnoreCase) && key.EndsWith("__Url", StringComparison.OrdinalIgnoreCase));
        }

        private static bool FollowsToListener(IOperation target, NetSymbols symbols, int depth, CancellationToken cancellationToken)
            => target switch
            {
                ILocalReferenceOperation local => FollowsLocalSymbol(local.Local, target, symbols, depth, cancellationToken),
                IFieldReferenceOperation field => FollowsField(field.Field, target, symbols, depth, cancellationToken),
                _ => false,
            };

        private static bool FollowsLocal(IVariableDeclaratorOperation declarator, NetSymbols symbols, int depth, CancellationToken cancellationToken)
            => FollowsLocalSymbol(declarator.Symbol, declarator, symbols, depth, cancellationToken);

        /// <summary>Any read of the local in its body that reaches a listener.</summary>
        private static bool FollowsLocalSymbol(ILocalSymbol local, IOperation anchor, NetSymbols symbols, int depth, CancellationToken cancellationToken)
        {
            foreach (var node in OperationHelpers.Root(anchor).Descendants())
            {
                if (node is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                    && IsListenerValue(reference, symbols, depth + 1, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A constant or readonly field: any read in the same type declaration (same tree) that reaches a listener.</summary>
        private static bool FollowsField(IFieldSymbol field, IOperation anchor, NetSymbols symbols, int depth, CancellationToken cancellationToken)
        {
            if (!(field.IsConst || field.IsReadOnly) || anchor.SemanticModel is not { } model)
            {
                return false;
            }

            var type = anchor.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (type is null)
            {
                return false;
            }

            foreach (var identifier in Walks.Nodes(type, cancellationToken))
            {
                if (identifier is IdentifierNameSyntax { Identifier.ValueText: var name } && name == field.Name
                    && model.GetOperation(identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier) is IFieldReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Field, field)
                    && IsListenerValue(reference, symbols, depth + 1, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
