using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Internals
{
    internal enum HostPortFixKind
    {
        None,

        /// <summary>R7: <c>{ip}:{port}</c> becomes <c>{new IPEndPoint(ip, port)}</c> ("[::1]:80"), the rest of the text unchanged.</summary>
        EndPointFormat,

        /// <summary>R7: <c>new Uri($"http://{host}:{port}/path")</c> becomes <c>new UriBuilder("http", host, port, "/path").Uri</c>.</summary>
        UriBuilder,
    }

    /// <summary>Which R7 rewrite fits one host:port piece (the analyzer words its message with it; the fixer applies it).</summary>
    internal static class HostPortFixPlan
    {
        public static HostPortFixKind Decide(HostPortText text, HostPortPiece piece, TextConsumer consumer, NetSymbols symbols)
        {
            if (CanFormatWithEndPoint(text, piece, symbols))
            {
                return HostPortFixKind.EndPointFormat;
            }

            return UriBuilderShape(text, piece, consumer, symbols) is not null ? HostPortFixKind.UriBuilder : HostPortFixKind.None;
        }

        public static bool CanFormatWithEndPoint(HostPortText text, HostPortPiece piece, NetSymbols symbols)
        {
            if (piece.AddressExpression is null || text.Segments[piece.HostIndex].HasFormat || !PortFitsInt(text, piece)
                || symbols.IPEndPoint is null || !symbols.IPEndPoint.InstanceConstructors.Any(c => c.Parameters.Length == 2 && NetSymbols.Is(c.Parameters[0].Type, symbols.IPAddress)))
            {
                return false;
            }

            switch (text.Construction)
            {
                case HostPortConstruction.Interpolation:
                case HostPortConstruction.Concatenation:
                    return true;
                case HostPortConstruction.Format:
                    // Only the whole format "{0}:{1}": other formats would need their placeholders renumbered.
                    return text.Segments.Length == 3 && piece.HostIndex == 0 && piece.PortIndex == 2 && text.Segments[1].Text == ":";
                default:
                    return false;
            }
        }

        /// <summary>The port is digits or an integer that converts to int implicitly (IPEndPoint and UriBuilder take int).</summary>
        public static bool PortFitsInt(HostPortText text, HostPortPiece piece)
        {
            if (piece.PortDigits is not null)
            {
                return int.TryParse(piece.PortDigits, out var port) && port <= 65535;
            }

            if (piece.PortIndex is not { } index || text.Segments[index].HasFormat)
            {
                return false;
            }

            var value = text.Segments[index].Value;
            var inner = OperationHelpers.SkipConversions(value);
            switch (inner?.Type?.SpecialType)
            {
                case SpecialType.System_Int32:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The URL's scheme, path and the Uri creation when the text is exactly <c>scheme://host:port[/path]</c> given to <c>new Uri(text)</c>.</summary>
        public static UriShape? UriBuilderShape(HostPortText text, HostPortPiece piece, TextConsumer consumer, NetSymbols symbols)
        {
            if (text.Construction == HostPortConstruction.Format
                || consumer.Use != TextUse.Sink
                || consumer.Operation is not IObjectCreationOperation { Arguments.Length: 1 } uri
                || !NetSymbols.Is(uri.Type, symbols.Peers.Uri)
                || OperationHelpers.SkipConversions(uri.Arguments[0].Value) != text.Operation
                || symbols.Peers.UriBuilder is not { } builder
                || !PortFitsInt(text, piece))
            {
                return null;
            }

            var host = text.Segments[piece.HostIndex];
            if (host.HasFormat || OperationHelpers.SkipConversions(host.Value)?.Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            // Scheme: "http://" text, or a {scheme} value followed by "://".
            var segments = text.Segments;
            IOperation? schemeValue = null;
            string? schemeText = null;
            if (piece.HostIndex == 1 && segments[0].Text is { } prefix && prefix.EndsWith("://", System.StringComparison.Ordinal) && IsScheme(prefix.Substring(0, prefix.Length - 3)))
            {
                schemeText = prefix.Substring(0, prefix.Length - 3);
            }
            else if (piece.HostIndex == 2 && !segments[0].IsText && !segments[0].HasFormat && segments[1].Text == "://"
                     && OperationHelpers.SkipConversions(segments[0].Value)?.Type?.SpecialType == SpecialType.System_String)
            {
                schemeValue = segments[0].Value;
            }
            else
            {
                return null;
            }

            // Path: what follows the port, constant and made of unreserved characters only (no query, no escapes).
            string path;
            int last;
            if (piece.PortDigits is not null)
            {
                path = segments[piece.HostIndex + 1].Text!.Substring(1 + piece.PortDigits.Length);
                last = piece.HostIndex + 1;
            }
            else
            {
                path = string.Empty;
                last = piece.PortIndex!.Value;
                if (last + 1 < segments.Length && segments[last + 1].Text is { } after)
                {
                    path = after;
                    last++;
                }
            }

            if (last != segments.Length - 1 || !IsPlainPath(path))
            {
                return null;
            }

            var parameters = path.Length == 0 || path == "/" ? 3 : 4;
            var hasConstructor = builder.InstanceConstructors.Any(c => c.Parameters.Length == parameters
                && c.Parameters[0].Type.SpecialType == SpecialType.System_String
                && c.Parameters[1].Type.SpecialType == SpecialType.System_String
                && c.Parameters[2].Type.SpecialType == SpecialType.System_Int32);
            return hasConstructor ? new UriShape(uri, schemeText, schemeValue, parameters == 4 ? path : null) : null;
        }

        private static bool IsScheme(string scheme)
        {
            if (scheme.Length == 0 || !char.IsLetter(scheme[0]))
            {
                return false;
            }

            foreach (var c in scheme)
            {
                if (!(char.IsLetterOrDigit(c) || c == '+' || c == '-' || c == '.') || c > 127)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsPlainPath(string path)
        {
            if (path.Length == 0)
            {
                return true;
            }

            if (path[0] != '/')
            {
                return false;
            }

            foreach (var c in path)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-' || c == '.' || c == '_' || c == '~'))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The parts of <c>new Uri("scheme://host:port/path")</c> that UriBuilder takes.</summary>
    internal sealed class UriShape
    {
        public UriShape(IObjectCreationOperation uriCreation, string? schemeText, IOperation? schemeValue, string? path)
        {
            UriCreation = uriCreation;
            SchemeText = schemeText;
            SchemeValue = schemeValue;
            Path = path;
        }

        public IObjectCreationOperation UriCreation { get; }

        public string? SchemeText { get; }

        public IOperation? SchemeValue { get; }

        /// <summary>The path argument; null when the URL has none (or only "/").</summary>
        public string? Path { get; }
    }
}
