using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    internal enum TextUse
    {
        /// <summary>Returned, stored in a member, passed to something else: a possible endpoint.</summary>
        Other,

        /// <summary>Only log, console, trace or exception messages: not an endpoint.</summary>
        Message,

        /// <summary>Parsed as a URL or endpoint: Uri, IPEndPoint.Parse, UseUrls, Connect, HttpClient, GrpcChannel.ForAddress.</summary>
        Sink,
    }

    internal readonly struct TextConsumer
    {
        public TextConsumer(TextUse use, IOperation? operation, string display)
        {
            Use = use;
            Operation = operation;
            Display = display;
        }

        public TextUse Use { get; }

        /// <summary>The call or creation that parses the text (for <see cref="TextUse.Sink"/>).</summary>
        public IOperation? Operation { get; }

        public string Display { get; }
    }

    /// <summary>
    /// Where built text goes (DS0030), followed through the enclosing text and through locals of the same body, the way
    /// go vet's hostport check follows a Sprintf result to net.Dial.
    /// </summary>
    internal static class TextConsumers
    {
        public static TextConsumer Find(IOperation text, NetSymbols symbols, CancellationToken cancellationToken)
        {
            var uses = new List<(IOperation? Call, IArgumentOperation? Argument)>();
            Collect(text, uses, 0, cancellationToken);
            if (uses.Count == 0)
            {
                return new TextConsumer(TextUse.Other, null, string.Empty);
            }

            var allMessages = true;
            foreach (var (call, argument) in uses)
            {
                if (call is not null && argument is not null && SinkName(call, argument, symbols) is { } sink)
                {
                    return new TextConsumer(TextUse.Sink, call, sink);
                }

                if (call is null || !IsMessage(call, symbols.Peers))
                {
                    allMessages = false;
                }
            }

            return new TextConsumer(allMessages ? TextUse.Message : TextUse.Other, null, string.Empty);
        }

        /// <summary>The calls that receive the text as an argument; (null, null) for any other use.</summary>
        private static void Collect(IOperation text, List<(IOperation? Call, IArgumentOperation? Argument)> uses, int depth, CancellationToken cancellationToken)
        {
            var current = text;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                    case IInterpolationOperation:
                    case IInterpolatedStringOperation:
                    case IArrayInitializerOperation:
                    case IArrayCreationOperation { IsImplicit: true }:
                    case ICoalesceOperation:
                    case IConditionalOperation conditional when conditional.Condition != current:
                        current = parent;
                        continue;

                    case IArgumentOperation argument when argument.Parent is IInvocationOperation or IObjectCreationOperation:
                        uses.Add((argument.Parent, argument));
                        return;

                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when depth < 2:
                        AddLocalUses(declarator.Symbol, text, uses, depth, cancellationToken);
                        return;

                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current && depth < 2:
                        AddLocalUses(target.Local, text, uses, depth, cancellationToken);
                        return;

                    case IInvocationOperation invocation when invocation.Instance == current:
                        // text.ToString(), text.Trim(): still the text.
                        if (invocation.Type?.SpecialType == SpecialType.System_String)
                        {
                            current = parent;
                            continue;
                        }

                        uses.Add((null, null));
                        return;

                    default:
                        uses.Add((null, null));
                        return;
                }
            }
        }

        private static void AddLocalUses(ILocalSymbol local, IOperation text, List<(IOperation? Call, IArgumentOperation? Argument)> uses, int depth, CancellationToken cancellationToken)
        {
            var before = uses.Count;
            var model = text.SemanticModel;
            foreach (var identifier in IdentifierIndex.Named(OperationHelpers.Root(text).Syntax, local.Name, cancellationToken))
            {
                if (model?.GetOperation(identifier, cancellationToken) is ILocalReferenceOperation reference && !reference.IsDeclaration && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference))
                {
                    Collect(reference, uses, depth + 1, cancellationToken);
                }
            }

            if (uses.Count == before)
            {
                uses.Add((null, null)); // built and never read here
            }
        }

        /// <summary>How a message names the parser that receives the text, or null when the call does not parse it.</summary>
        private static string? SinkName(IOperation call, IArgumentOperation argument, NetSymbols symbols)
        {
            var parameter = argument.Parameter;
            if (parameter is null)
            {
                return null;
            }

            var peers = symbols.Peers;
            var isString = parameter.Type.SpecialType == SpecialType.System_String
                           || (parameter.IsParams && parameter.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String });
            if (!isString)
            {
                return null;
            }

            if (call is IObjectCreationOperation creation)
            {
                var type = creation.Type;
                if (NetSymbols.Is(type, peers.Uri))
                {
                    return "new Uri(…)";
                }

                if (NetSymbols.Is(type, peers.UriBuilder) && creation.Arguments.Length == 1)
                {
                    return "new UriBuilder(…)";
                }

                if (NetSymbols.Is(type, peers.HttpRequestMessage) && parameter.Name == "requestUri")
                {
                    return "new HttpRequestMessage(…)";
                }

                return null;
            }

            var method = ((IInvocationOperation)call).TargetMethod;
            var containing = method.ContainingType;
            switch (method.Name)
            {
                case "TryCreate" when NetSymbols.Is(containing, peers.Uri):
                    return "Uri.TryCreate";
                case "Parse" or "TryParse" when NetSymbols.Is(containing, symbols.IPEndPoint):
                    return "IPEndPoint." + method.Name;
                case "UseUrls":
                    return "UseUrls";
                case "Add" when call is IInvocationOperation { Instance: IPropertyReferenceOperation { Property.Name: "Urls" } }:
                    return "Urls.Add";
                case "ForAddress" when NetSymbols.Is(containing, peers.GrpcChannel):
                    return "GrpcChannel.ForAddress";
                case "Create" or "CreateHttp" or "CreateDefault" when parameter.Name == "requestUriString" && DerivesFrom(containing, peers.WebRequest):
                    return "WebRequest." + method.Name;
                case "Connect" or "ConnectAsync" when !HasIntegerParameter(method):
                    return containing.Name + "." + method.Name;
            }

            if (parameter.Name == "requestUri" && DerivesFrom(containing, peers.HttpClient))
            {
                return "HttpClient." + method.Name;
            }

            return null;
        }

        private static bool HasIntegerParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.SpecialType == SpecialType.System_Int32)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Log and exception messages are not endpoints: exception constructors, Console/TextWriter, Debug/Trace, ILogger
        /// (and other *Log* types), [LoggerMessage] methods and methods named Log*.
        /// </summary>
        public static bool IsMessage(IOperation call, PeerSymbols peers)
        {
            if (call is IObjectCreationOperation creation)
            {
                return DerivesFrom(creation.Type, peers.Exception);
            }

            if (call is not IInvocationOperation invocation)
            {
                return false;
            }

            var method = invocation.TargetMethod;
            var containing = method.ContainingType;
            if (NetSymbols.Is(containing, peers.Console) || DerivesFrom(containing, peers.TextWriter)
                || NetSymbols.Is(containing, peers.Debug) || NetSymbols.Is(containing, peers.Trace))
            {
                return true;
            }

            if (method.Name.StartsWith("Log", StringComparison.Ordinal) || containing.Name.IndexOf("Log", StringComparison.Ordinal) >= 0)
            {
                return true;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "LoggerMessageAttribute")
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? expected)
        {
            if (expected is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
