using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    internal enum HostPortConstruction
    {
        /// <summary><c>$"{ip}:{port}"</c>.</summary>
        Interpolation,

        /// <summary><c>ip + ":" + port</c>.</summary>
        Concatenation,

        /// <summary><c>string.Format("{0}:{1}", ip, port)</c>.</summary>
        Format,
    }

    internal enum HostKind
    {
        /// <summary>An IPAddress (formatted without brackets by ToString).</summary>
        Address,

        /// <summary>A string known to hold an address: ip.ToString(), Uri.DnsSafeHost/IdnHost, a POD_IP-style environment value, an IPv6 constant.</summary>
        AddressText,

        /// <summary>Any other string: reported only when the text reaches a URL/endpoint parser.</summary>
        StringHost,
    }

    /// <summary>One piece of text: constant text, or a value (a hole, an operand, a format argument).</summary>
    internal sealed class TextSegment
    {
        public TextSegment(string? text, IOperation operation, bool hasFormat = false)
        {
            Text = text;
            Operation = operation;
            HasFormat = hasFormat;
        }

        /// <summary>The constant text; null for a value.</summary>
        public string? Text { get; }

        public bool IsText => Text is not null;

        /// <summary>For text: the text part or literal; for a value: the hole (IInterpolationOperation), operand or argument value.</summary>
        public IOperation Operation { get; }

        /// <summary>The value carries an alignment or format (<c>{ip,10}</c>, <c>{0:X}</c>).</summary>
        public bool HasFormat { get; }

        /// <summary>The value itself (the hole's expression for an interpolation).</summary>
        public IOperation Value => Operation is IInterpolationOperation hole ? hole.Expression : Operation;
    }

    /// <summary>A host written before ':' and a port in a piece of text.</summary>
    internal sealed class HostPortPiece
    {
        public HostPortPiece(int hostIndex, HostKind kind, string hostDisplay, SyntaxNode? hostOrigin, IOperation? addressExpression, int? portIndex, string? portDigits)
        {
            HostIndex = hostIndex;
            Kind = kind;
            HostDisplay = hostDisplay;
            HostOrigin = hostOrigin;
            AddressExpression = addressExpression;
            PortIndex = portIndex;
            PortDigits = portDigits;
        }

        /// <summary>Index of the host's segment; the next segment is the text that starts with ':'.</summary>
        public int HostIndex { get; }

        public HostKind Kind { get; }

        public string HostDisplay { get; }

        /// <summary>Where the address was written when it travelled through a local (an additional location).</summary>
        public SyntaxNode? HostOrigin { get; }

        /// <summary>The IPAddress-typed expression a fix formats with IPEndPoint (the host, or X of X.ToString()); null if none.</summary>
        public IOperation? AddressExpression { get; }

        /// <summary>Index of the port's segment when the port is a value; null when it is digits in the text.</summary>
        public int? PortIndex { get; }

        /// <summary>The port's digits when the text after ':' starts with them.</summary>
        public string? PortDigits { get; }
    }

    /// <summary>
    /// host:port text built from an address (DS0030): interpolations, concatenations and string.Format whose host
    /// precedes ':' unbracketed. Shared by the analyzer and the fixer so that both read the same pieces.
    /// </summary>
    internal sealed class HostPortText
    {
        private HostPortText(HostPortConstruction construction, IOperation operation, ImmutableArray<TextSegment> segments, ImmutableArray<HostPortPiece> pieces)
        {
            Construction = construction;
            Operation = operation;
            Segments = segments;
            Pieces = pieces;
        }

        public HostPortConstruction Construction { get; }

        /// <summary>The interpolated string, the outermost concatenation or the string.Format call.</summary>
        public IOperation Operation { get; }

        public ImmutableArray<TextSegment> Segments { get; }

        /// <summary>Every unbracketed host:port piece, in order.</summary>
        public ImmutableArray<HostPortPiece> Pieces { get; }

        /// <summary>Cheap pre-check for an interpolated string: a hole followed by text that starts with ':'.</summary>
        public static bool MayHoldHostPort(IInterpolatedStringOperation interpolation)
        {
            var parts = interpolation.Parts;
            for (var i = 0; i + 1 < parts.Length; i++)
            {
                if (parts[i] is IInterpolationOperation && parts[i + 1] is IInterpolatedStringTextOperation next && OperationHelpers.InterpolatedText(next) is { Length: > 0 } text && text[0] == ':')
                {
                    return true;
                }
            }

            return false;
        }

        public static HostPortText? TryGet(IOperation operation, NetSymbols symbols)
        {
            HostPortConstruction construction;
            ImmutableArray<TextSegment> segments;
            switch (operation)
            {
                case IInterpolatedStringOperation interpolation:
                    if (!MayHoldHostPort(interpolation))
                    {
                        return null;
                    }

                    construction = HostPortConstruction.Interpolation;
                    segments = InterpolationSegments(interpolation);
                    break;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String && !binary.ConstantValue.HasValue:
                    if (IsStringAdd(Outer(binary)) || !HasTextStartingWithColon(binary, first: true))
                    {
                        return null; // only the outermost concatenation is read, and only one with ":…" after a value
                    }

                    construction = HostPortConstruction.Concatenation;
                    var builder = ImmutableArray.CreateBuilder<TextSegment>();
                    Flatten(binary, builder);
                    segments = builder.ToImmutable();
                    break;

                case IInvocationOperation { TargetMethod: { Name: "Format", IsStatic: true } method } invocation when method.ContainingType.SpecialType == SpecialType.System_String:
                    construction = HostPortConstruction.Format;
                    segments = FormatSegments(invocation);
                    break;

                default:
                    return null;
            }

            if (segments.IsDefaultOrEmpty)
            {
                return null;
            }

            var pieces = FindPieces(segments, symbols);
            return pieces.IsEmpty ? null : new HostPortText(construction, operation, segments, pieces);
        }

        /// <summary>
        /// Cheap test before the segments are built (every string concatenation of the code base comes here): is a
        /// piece after the first constant text that starts with ':'? The same leaves as <see cref="Flatten"/>, without
        /// allocating (<see cref="OperationHelpers.ConstantStringOrChar"/>).
        /// </summary>
        private static bool HasTextStartingWithColon(IOperation operation, bool first)
        {
            var inner = operation;
            while (inner is IParenthesizedOperation parenthesized)
            {
                inner = parenthesized.Operand;
            }

            if (inner is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && IsStringAdd(binary) && !binary.ConstantValue.HasValue)
            {
                return HasTextStartingWithColon(binary.LeftOperand, first) || HasTextStartingWithColon(binary.RightOperand, first: false);
            }

            return !first && OperationHelpers.ConstantStringOrChar(OperationHelpers.SkipConversions(operation)) switch
            {
                string text => text.Length > 0 && text[0] == ':',
                char c => c == ':',
                _ => false,
            };
        }

        private static IOperation? Outer(IOperation operation)
        {
            var parent = operation.Parent;
            while (parent is IParenthesizedOperation || parent is IConversionOperation { IsImplicit: true })
            {
                parent = parent.Parent;
            }

            return parent;
        }

        private static bool IsStringAdd(IOperation? operation)
            => operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && binary.Type?.SpecialType == SpecialType.System_String;

        private static ImmutableArray<TextSegment> InterpolationSegments(IInterpolatedStringOperation interpolation)
        {
            var builder = ImmutableArray.CreateBuilder<TextSegment>(interpolation.Parts.Length);
            foreach (var part in interpolation.Parts)
            {
                switch (part)
                {
                    case IInterpolatedStringTextOperation text:
                        builder.Add(new TextSegment(OperationHelpers.InterpolatedText(text) ?? string.Empty, text));
                        break;
                    case IInterpolationOperation hole:
                        builder.Add(new TextSegment(null, hole, hole.Alignment is not null || hole.FormatString is not null));
                        break;
                    default:
                        return default; // interpolated string handlers: not plain text
                }
            }

            return builder.MoveToImmutable();
        }

        private static void Flatten(IOperation operation, ImmutableArray<TextSegment>.Builder builder)
        {
            var inner = operation;
            while (inner is IParenthesizedOperation parenthesized)
            {
                inner = parenthesized.Operand;
            }

            if (inner is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && IsStringAdd(binary) && !binary.ConstantValue.HasValue)
            {
                Flatten(binary.LeftOperand, builder);
                Flatten(binary.RightOperand, builder);
                return;
            }

            var value = OperationHelpers.SkipConversions(operation)!;
            switch (value?.ConstantValue)
            {
                case { HasValue: true, Value: string text }:
                    builder.Add(new TextSegment(text, operation));
                    break;
                case { HasValue: true, Value: char c }:
                    builder.Add(new TextSegment(c.ToString(), operation));
                    break;
                default:
                    builder.Add(new TextSegment(null, operation));
                    break;
            }
        }

        /// <summary>string.Format(format, args): constant text and the arguments the placeholders name.</summary>
        private static ImmutableArray<TextSegment> FormatSegments(IInvocationOperation invocation)
        {
            string? format = null;
            var values = new List<IOperation>();
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "format":
                        format = OperationHelpers.SkipConversions(argument.Value)?.ConstantValue.Value as string;
                        break;
                    case "provider":
                        break;
                    case "args" when argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer }:
                        values.AddRange(initializer.ElementValues);
                        break;
                    case "args":
                        return default; // an array built elsewhere
                    default:
                        values.Add(argument.Value);
                        break;
                }
            }

            if (format is null || format.IndexOf(':') < 0)
            {
                return default;
            }

            var builder = ImmutableArray.CreateBuilder<TextSegment>();
            var text = new StringBuilder();
            for (var i = 0; i < format.Length; i++)
            {
                var c = format[i];
                if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
                {
                    text.Append(c);
                    i++;
                    continue;
                }

                if (c != '{')
                {
                    text.Append(c);
                    continue;
                }

                var close = format.IndexOf('}', i);
                if (close < 0)
                {
                    return default;
                }

                var spec = format.Substring(i + 1, close - i - 1);
                var end = spec.IndexOfAny(new[] { ',', ':' });
                if (!int.TryParse(end < 0 ? spec : spec.Substring(0, end), out var index) || index < 0 || index >= values.Count)
                {
                    return default;
                }

                if (text.Length > 0)
                {
                    builder.Add(new TextSegment(text.ToString(), invocation));
                    text.Clear();
                }

                builder.Add(new TextSegment(null, values[index], end >= 0));
                i = close;
            }

            if (text.Length > 0)
            {
                builder.Add(new TextSegment(text.ToString(), invocation));
            }

            return builder.ToImmutable();
        }

        private static ImmutableArray<HostPortPiece> FindPieces(ImmutableArray<TextSegment> segments, NetSymbols symbols)
        {
            var pieces = ImmutableArray.CreateBuilder<HostPortPiece>();
            for (var i = 0; i + 1 < segments.Length; i++)
            {
                var host = segments[i];
                var after = segments[i + 1];
                if (host.IsText || !after.IsText || after.Text!.Length == 0 || after.Text[0] != ':')
                {
                    continue;
                }

                // Already bracketed: "[" + ip + "]:" never reaches here ("]:" does not start with ':').
                if (i > 0 && segments[i - 1].Text is { Length: > 0 } before && before[before.Length - 1] == '[')
                {
                    continue;
                }

                int? portIndex = null;
                string? digits = null;
                var rest = after.Text.Substring(1);
                if (rest.Length == 0)
                {
                    if (i + 2 >= segments.Length || segments[i + 2].IsText || !IsPortValue(segments[i + 2].Value))
                    {
                        continue;
                    }

                    // user:password@host
                    if (i + 3 < segments.Length && segments[i + 3].Text is { Length: > 0 } next && next[0] == '@')
                    {
                        continue;
                    }

                    portIndex = i + 2;
                }
                else
                {
                    var length = 0;
                    while (length < rest.Length && rest[length] >= '0' && rest[length] <= '9')
                    {
                        length++;
                    }

                    if (length == 0 || length > 5 || (length < rest.Length && (rest[length] == '@' || rest[length] == '.')))
                    {
                        continue;
                    }

                    digits = rest.Substring(0, length);
                }

                var classified = ClassifyHost(host.Value, symbols, 0);
                if (classified is null)
                {
                    continue;
                }

                var (kind, display, origin, address) = classified.Value;
                pieces.Add(new HostPortPiece(i, kind, display, origin, address, portIndex, digits));
            }

            return pieces.ToImmutable();
        }

        /// <summary>An integer, or a string whose name says it is a port.</summary>
        private static bool IsPortValue(IOperation value)
        {
            var inner = OperationHelpers.SkipConversions(value);
            switch (inner?.Type?.SpecialType)
            {
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                    return true;
                case SpecialType.System_String:
                    return NameOf(inner) is { } name && name.IndexOf("port", StringComparison.OrdinalIgnoreCase) >= 0;
                default:
                    return false;
            }
        }

        private static string? NameOf(IOperation? operation)
        {
            operation = OperationHelpers.SkipConversions(operation);
            return operation switch
            {
                ILocalReferenceOperation l => l.Local.Name,
                IParameterReferenceOperation p => p.Parameter.Name,
                IFieldReferenceOperation f => f.Field.Name,
                IPropertyReferenceOperation p => p.Property.Name,
                IInvocationOperation { TargetMethod.Name: "ToString", Instance: var instance } => NameOf(instance),
                IInvocationOperation { TargetMethod.Name: "GetEnvironmentVariable", Arguments: { Length: > 0 } arguments } => arguments[0].Value.ConstantValue.Value as string,
                _ => null,
            };
        }

        /// <summary>What the host is: an IPAddress, text known to hold an address, or a string host; null when it cannot be an IPv6 literal.</summary>
        private static (HostKind Kind, string Display, SyntaxNode? Origin, IOperation? Address)? ClassifyHost(IOperation value, NetSymbols symbols, int depth)
        {
            var operation = OperationHelpers.SkipConversions(value);
            if (operation is null || depth > 4)
            {
                return null;
            }

            if (NetSymbols.Is(operation.Type, symbols.IPAddress))
            {
                var known = KnownAddressValues.OfAddress(operation, symbols);
                return known.Family == KnownFamily.IPv4 ? null : (HostKind.Address, "the IPAddress '" + Shorten(operation.Syntax.ToString()) + "'", null, operation);
            }

            if (operation.Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            if (operation.ConstantValue is { HasValue: true, Value: string constant })
            {
                // An IPv6 literal written without brackets; names and IPv4 text are fine.
                return KnownAddressValues.OfText(constant) is KnownFamily.IPv6 or KnownFamily.IPv4Mapped && constant[0] != '['
                    ? (HostKind.AddressText, "the IPv6 address \"" + constant + "\"", operation.Syntax, null)
                    : null;
            }

            var peers = symbols.Peers;
            switch (operation)
            {
                case IInvocationOperation { TargetMethod: { Name: "ToString", Parameters.Length: 0 }, Instance: { } instance } when NetSymbols.Is(OperationHelpers.SkipConversions(instance)?.Type, symbols.IPAddress):
                    return KnownAddressValues.OfAddress(instance, symbols).Family == KnownFamily.IPv4
                        ? null
                        : (HostKind.AddressText, "the address text '" + Shorten(operation.Syntax.ToString()) + "'", null, instance);

                case IPropertyReferenceOperation property when NetSymbols.Is(property.Property.ContainingType, peers.Uri):
                    // Uri.Host and Authority bracket IPv6 literals; DnsSafeHost and IdnHost do not.
                    return property.Property.Name is "DnsSafeHost" or "IdnHost"
                        ? (HostKind.AddressText, "Uri." + property.Property.Name + " (IPv6 hosts come without brackets)", null, null)
                        : null;

                case IInvocationOperation { TargetMethod: { Name: "GetEnvironmentVariable" } method } env
                    when NetSymbols.Is(method.ContainingType, peers.Environment) && env.Arguments.Length >= 1
                         && env.Arguments[0].Value.ConstantValue.Value is string variable && IsAddressVariableName(variable):
                    return (HostKind.AddressText, "the " + variable + " environment variable", null, null);

                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer
                    when NetSymbols.Is(indexer.Property.ContainingType, peers.IConfiguration) || Implements(indexer.Property.ContainingType, peers.IConfiguration):
                    return indexer.Arguments.Length == 1 && indexer.Arguments[0].Value.ConstantValue.Value is string key && IsAddressVariableName(key)
                        ? (HostKind.AddressText, "the configuration value " + key, null, null)
                        : (HostKind.StringHost, "the host '" + Shorten(operation.Syntax.ToString()) + "'", null, null);

                case ICoalesceOperation coalesce:
                    return ClassifyHost(coalesce.Value, symbols, depth + 1) is { Kind: not HostKind.StringHost } left
                        ? (left.Kind, left.Display, left.Origin, null)
                        : (HostKind.StringHost, "the host '" + Shorten(operation.Syntax.ToString()) + "'", null, null);

                case ILocalReferenceOperation local:
                    var writes = OperationHelpers.LocalWrites(local);
                    if (!writes.IsDefault)
                    {
                        foreach (var write in writes)
                        {
                            if (ClassifyHost(write, symbols, depth + 1) is { Kind: not HostKind.StringHost } written)
                            {
                                var origin = written.Origin ?? write.Syntax;
                                return (HostKind.AddressText, "'" + local.Local.Name + "' (" + written.Display + ")", origin, null);
                            }
                        }
                    }

                    return IsAddressName(local.Local.Name)
                        ? (HostKind.AddressText, "'" + local.Local.Name + "' (named as an IP address)", null, null)
                        : (HostKind.StringHost, "the host '" + local.Local.Name + "'", null, null);

                case IFieldReferenceOperation { Field.IsConst: true }:
                    return null;

                // A string named as an IP address: string ip, podIp, HostIP, ipAddress.
                case IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                    when OperationHelpers.ReferencedSymbol(operation) is { } named && IsAddressName(named.Name):
                    return (HostKind.AddressText, "'" + named.Name + "' (named as an IP address)", null, null);

                // Names, never address literals: Dns.GetHostName(), Environment.MachineName, IPHostEntry.HostName.
                case IInvocationOperation { TargetMethod: { Name: "GetHostName", ContainingType.Name: "Dns" } }:
                case IPropertyReferenceOperation { Property: { Name: "MachineName", ContainingType.Name: "Environment" } }:
                case IPropertyReferenceOperation { Property: { Name: "HostName", ContainingType.Name: "IPHostEntry" } }:
                    return null;

                default:
                    return (HostKind.StringHost, "the host '" + Shorten(operation.Syntax.ToString()) + "'", null, null);
            }
        }

        /// <summary>A variable or member named as an IP address: ip, podIp, HostIP, remote_ip, ipAddress, PeerIPAddress.</summary>
        internal static bool IsAddressName(string name)
            => name.Equals("ip", StringComparison.OrdinalIgnoreCase)
               || IsAddressVariableName(name)
               || (name.EndsWith("IpAddress", StringComparison.OrdinalIgnoreCase)
                   && (name.Length == 9 || char.IsUpper(name[name.Length - 9]) || name[name.Length - 10] == '_'));

        /// <summary>POD_IP, MY_POD_IP, HOST_IP, status.podIP-style names, and Kubernetes' *_SERVICE_HOST (a ClusterIP).</summary>
        internal static bool IsAddressVariableName(string name)
        {
            if (name.Length < 2)
            {
                return false;
            }

            if (name.EndsWith("_SERVICE_HOST", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (name.Equals("IP", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_IP", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(":IP", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".IP", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith("__IP", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // camelCase / PascalCase: podIP, PodIp, hostIp
            var last = name.Length - 2;
            return name[last] == 'I' && (name[last + 1] == 'P' || name[last + 1] == 'p') && last > 0 && char.IsLower(name[last - 1]);
        }

        private static bool Implements(ITypeSymbol? type, INamedTypeSymbol? expected)
        {
            if (type is null || expected is null)
            {
                return false;
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate, expected))
                {
                    return true;
                }
            }

            return false;
        }

        internal static string Shorten(string text)
        {
            text = text.Replace("\r", string.Empty).Replace("\n", " ");
            return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
        }
    }
}
