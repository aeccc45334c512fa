using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0020 (a hard-coded IPv4 address) and DS0021 (a hard-coded IPv4 loopback) share one scan of every string
    /// literal: a character scan rejects nearly all of them before anything is parsed or allocated (#10, T9).
    /// </summary>
    public sealed class HardCodedIPv4AddressAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor AddressRule = RuleDescriptors.Create(
            RuleIds.HardCodedIPv4Address,
            RuleCategories.Addresses,
            "Hard-coded IPv4 address",
            "{0} is a hard-coded IPv4 address: {1}",
            DiagnosticSeverity.Warning,
            "A literal IPv4 address ties the workload to IPv4: in an IPv6-only cluster the peer has no such address, and in a dual-stack one it may move. Read the address from configuration, or use a DNS name that resolves to both families. Versions, OIDs, netmasks, documentation ranges (RFC 5737), loopback (DS0021), 0.0.0.0 (DS0001/DS0002) and addresses listed next to their IPv6 counterpart are not reported; allow addresses with dualstack.allowed_addresses.");

        internal static readonly DiagnosticDescriptor LoopbackRule = RuleDescriptors.Create(
            RuleIds.HardCodedIPv4Loopback,
            RuleCategories.Addresses,
            "Hard-coded IPv4 loopback",
            "{0} is the IPv4 loopback: a local service that listens only on ::1 (as in an IPv6-only pod) is not reached; make the target configurable, or use 'localhost' where the server listens on both loopbacks",
            DiagnosticSeverity.Info,
            "127.0.0.1 reaches only a server that listens on IPv4. Sidecars and local services in IPv6-only pods often listen on ::1 only. No automatic fix: 'localhost' changes the name that TLS checks and, where ::1 is filtered rather than refused, connections stall until a timeout before IPv4 is tried (T9). Listeners on 127.0.0.1 are DS0004's.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(AddressRule, LoopbackRule);

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

                var analysis = new Analysis(facts);
                start.RegisterOperationAction(analysis.Analyze, OperationKind.Literal, OperationKind.Utf8String, OperationKind.InterpolatedString, OperationKind.AnonymousFunction);
                start.RegisterNamedOperationAction(analysis.Analyze, OperationKind.Invocation, IsClientTargetName);
            });
        }

        /// <summary>The socket and client methods whose address argument is a connection target.</summary>
        private static bool IsClientTargetName(string name)
            => name is "Connect" or "ConnectAsync" or "BeginConnect" or "SendTo" or "SendToAsync" or "BeginSendTo" or "Send" or "SendAsync";

        internal static string AdviceFor(string address) => IPv4Text.TryParseStrict(address, out var value) ? Advice(value) : string.Empty;

        /// <summary>What to do, with the IPv6 counterpart where a well-known one exists.</summary>
        internal static string Advice(uint value)
        {
            switch (IPv4Text.Format(value))
            {
                case "8.8.8.8":
                    return "it is Google Public DNS; make it configurable and add its IPv6 counterpart 2001:4860:4860::8888";
                case "8.8.4.4":
                    return "it is Google Public DNS; make it configurable and add its IPv6 counterpart 2001:4860:4860::8844";
                case "1.1.1.1":
                    return "it is Cloudflare DNS; make it configurable and add its IPv6 counterpart 2606:4700:4700::1111";
                case "1.0.0.1":
                    return "it is Cloudflare DNS; make it configurable and add its IPv6 counterpart 2606:4700:4700::1001";
                case "9.9.9.9":
                    return "it is Quad9 DNS; make it configurable and add its IPv6 counterpart 2620:fe::fe";
                case "149.112.112.112":
                    return "it is Quad9 DNS; make it configurable and add its IPv6 counterpart 2620:fe::9";
                case "169.254.169.254":
                    return "it is the cloud instance-metadata endpoint; AWS also serves it over IPv6 at fd00:ec2::254 on Nitro instances when the IPv6 endpoint is enabled, other clouds serve it over IPv4 only: make the endpoint configurable and keep IPv4 reachable for it";
                default:
                    return "a peer that has only an IPv6 address cannot be reached through it; read it from configuration or use a DNS name that resolves to both families";
            }
        }

        /// <summary>Per compilation.</summary>
        private sealed class Analysis
        {
            private readonly CompilationFacts facts;

            public Analysis(CompilationFacts facts)
            {
                this.facts = facts;
            }

            public void Analyze(OperationAnalysisContext context)
            {
                switch (context.Operation)
                {
                    case ILiteralOperation literal:
                        AnalyzeLiteral(context, literal);
                        break;
                    case IUtf8StringOperation utf8:
                        AnalyzeText(context, utf8, utf8.Value, openStart: false, openEnd: false);
                        break;
                    case IInterpolatedStringOperation interpolated:
                        AnalyzeInterpolation(context, interpolated);
                        break;
                    case IInvocationOperation invocation:
                        AnalyzeClientTarget(context, invocation);
                        break;
                    case IAnonymousFunctionOperation lambda:
                        AnalyzeLambdaDefaults(context, lambda);
                        break;
                }
            }

            /// <summary>A lambda's parameter defaults (C# 12) are not part of its operation tree: analyze them here.</summary>
            private void AnalyzeLambdaDefaults(OperationAnalysisContext context, IAnonymousFunctionOperation lambda)
            {
                // Syntax first: asking a parameter symbol for its default binds the parameter's attributes.
                if (!HasParameterDefault(lambda.Syntax))
                {
                    return;
                }

                foreach (var parameter in lambda.Symbol.Parameters)
                {
                    if (!parameter.HasExplicitDefaultValue || parameter.ExplicitDefaultValue is not string text || !IPv4Text.MayContainAddress(text)
                        || parameter.DeclaringSyntaxReferences.Length == 0
                        || parameter.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is not ParameterSyntax { Default.Value: { } value }
                        || lambda.SemanticModel?.GetOperation(value, context.CancellationToken) is not { } defaultValue)
                    {
                        continue;
                    }

                    switch (defaultValue)
                    {
                        case ILiteralOperation literal:
                            AnalyzeLiteral(context, literal);
                            break;
                        case IUtf8StringOperation utf8:
                            AnalyzeText(context, utf8, utf8.Value, openStart: false, openEnd: false);
                            break;
                        case IInterpolatedStringOperation interpolation:
                            AnalyzeInterpolation(context, interpolation);
                            foreach (var part in interpolation.Parts)
                            {
                                if (part is IInterpolatedStringTextOperation { Text: ILiteralOperation textLiteral })
                                {
                                    AnalyzeLiteral(context, textLiteral);
                                }
                            }

                            break;
                    }
                }
            }

            private static bool HasParameterDefault(SyntaxNode lambda)
            {
                if (lambda is not ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: var parameters })
                {
                    return false;
                }

                foreach (var parameter in parameters)
                {
                    if (parameter.Default is not null)
                    {
                        return true;
                    }
                }

                return false;
            }

            private void AnalyzeLiteral(OperationAnalysisContext context, ILiteralOperation literal)
            {
                // The common path, once per literal of the code base: the text from the syntax token, one character
                // scan, then return.
                var text = OperationHelpers.ConstantString(literal);
                if (text is not null)
                {
                    if (!IPv4Text.MayContainAddress(text))
                    {
                        return;
                    }

                    var openStart = false;
                    var openEnd = false;
                    if (literal.Parent is IInterpolatedStringTextOperation { Parent: IInterpolatedStringOperation interpolation } part)
                    {
                        var index = interpolation.Parts.IndexOf(part);
                        openStart = index > 0;
                        openEnd = index < interpolation.Parts.Length - 1;
                    }

                    AnalyzeText(context, literal, text, openStart, openEnd);
                }
                else if (literal.Parent is IArrayInitializerOperation || literal.Parent is IConversionOperation { Parent: IArrayInitializerOperation })
                {
                    AnalyzeAddressBytes(context, literal);
                }
            }

            private void AnalyzeText(OperationAnalysisContext context, IOperation operation, string text, bool openStart, bool openEnd)
            {
                var matches = IPv4Text.Find(text, openStart, openEnd);
                if (matches is not null)
                {
                    Report(context, operation, text, matches);
                }
            }

            /// <summary>
            /// <c>$"{a}.{b}.{c}.{d}"</c>, <c>$"192.168.{"0"}.1"</c>: an interpolation whose holes are constants (or
            /// locals and parameters given one constant earlier in the method) is evaluated. Only addresses formed
            /// across a hole are reported here; those inside the text are the text part's, and those inside one hole
            /// are reported where that constant is written.
            /// </summary>
            private void AnalyzeInterpolation(OperationAnalysisContext context, IInterpolatedStringOperation interpolation)
            {
                if (!MayFormAddressAcrossHoles(interpolation))
                {
                    return;
                }

                var builder = new StringBuilder();
                var holes = new List<(int Start, int End)>();
                foreach (var part in interpolation.Parts)
                {
                    switch (part)
                    {
                        case IInterpolatedStringTextOperation textPart when OperationHelpers.InterpolatedText(textPart) is { } text:
                            builder.Append(text);
                            break;
                        case IInterpolationOperation { Alignment: null, FormatString: null } hole when KnownValues.TryGetText(hole.Expression) is { } value:
                            holes.Add((builder.Length, builder.Length + value.Length));
                            builder.Append(value);
                            break;
                        default:
                            return;
                    }
                }

                var evaluated = builder.ToString();
                var matches = IPv4Text.Find(evaluated);
                if (matches is null)
                {
                    return;
                }

                matches.RemoveAll(m => !CrossesHoleBoundary(m, holes));
                if (matches.Count > 0)
                {
                    Report(context, interpolation, evaluated, matches);
                }
            }

            private static bool CrossesHoleBoundary(IPv4Match match, List<(int Start, int End)> holes)
            {
                var end = match.Start + match.Length;
                foreach (var (start, holeEnd) in holes)
                {
                    var overlaps = match.Start < holeEnd && start < end;
                    var inside = match.Start >= start && end <= holeEnd;
                    if (overlaps && !inside)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>Cheap: a hole next to a digit or dot of the text, or two holes side by side.</summary>
            private static bool MayFormAddressAcrossHoles(IInterpolatedStringOperation interpolation)
            {
                var parts = interpolation.Parts;
                for (var i = 0; i < parts.Length; i++)
                {
                    if (parts[i] is not IInterpolationOperation)
                    {
                        continue;
                    }

                    var before = i > 0 ? parts[i - 1] : null;
                    var after = i < parts.Length - 1 ? parts[i + 1] : null;
                    if (before is IInterpolationOperation || after is IInterpolationOperation
                        || (before is IInterpolatedStringTextOperation beforeText && OperationHelpers.InterpolatedText(beforeText) is { Length: > 0 } b && IsDigitOrDot(b[b.Length - 1]))
                        || (after is IInterpolatedStringTextOperation afterText && OperationHelpers.InterpolatedText(afterText) is { Length: > 0 } a && IsDigitOrDot(a[0])))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsDigitOrDot(char c) => c == '.' || (c >= '0' && c <= '9');

            /// <summary><c>new IPAddress(new byte[] { 10, 0, 0, 1 })</c>: analyzed once, from its first byte.</summary>
            private void AnalyzeAddressBytes(OperationAnalysisContext context, ILiteralOperation literal)
            {
                IOperation element = literal.Parent is IConversionOperation conversion ? conversion : literal;
                if (element.Parent is not IArrayInitializerOperation { ElementValues: { Length: 4 } elements, Parent: IArrayCreationOperation array }
                    || elements[0] != element
                    || array.Parent is not IArgumentOperation { Parent: IObjectCreationOperation creation }
                    || !NetSymbols.Is(creation.Type, facts.Symbols.IPAddress))
                {
                    return;
                }

                uint value = 0;
                foreach (var byteValue in elements)
                {
                    if (byteValue.ConstantValue is not { HasValue: true, Value: { } boxed } || !TryByte(boxed, out var b))
                    {
                        return;
                    }

                    value = (value << 8) | b;
                }

                Report(context, creation, null, new List<IPv4Match> { new IPv4Match(value, 0, 0, AddressPosition.WholeLiteral) });
            }

            private static bool TryByte(object value, out uint result)
            {
                result = 0;
                switch (value)
                {
                    case byte b:
                        result = b;
                        return true;
                    case int i when i >= 0 && i <= 255:
                        result = (uint)i;
                        return true;
                    default:
                        return false;
                }
            }

            /// <summary>The exclusions of rules.md (DS0020/DS0021, Must not flag), cheapest first, then one diagnostic per rule.</summary>
            private void Report(OperationAnalysisContext context, IOperation operation, string? text, List<IPv4Match> matches)
            {
                var tree = operation.Syntax.SyntaxTree;
                var options = facts.Options.For(tree);
                if (facts.IsTestProject && !options.AnalyzeTestCode)
                {
                    return;
                }

                List<IPv4Match>? addresses = null;
                List<IPv4Match>? loopbacks = null;
                foreach (var match in matches)
                {
                    var value = match.Value;
                    if (IsOidPrefix(value) || options.IsAllowed(value))
                    {
                        continue;
                    }

                    switch (IPv4Text.Categorize(value))
                    {
                        case IPv4Category.Specific:
                            (addresses ??= new List<IPv4Match>()).Add(match);
                            break;
                        case IPv4Category.Loopback:
                            (loopbacks ??= new List<IPv4Match>()).Add(match);
                            break;
                    }
                }

                if (addresses is null && loopbacks is null)
                {
                    return;
                }

                // Syntax and operation-tree checks before those that ask the semantic model or index the file.
                var syntax = operation.Syntax;
                if (AddressLiteralContext.IsInAssemblyAttribute(syntax)
                    || options.IsIPv4OnlyType(CompilationFacts.ContainingType(context.ContainingSymbol))
                    || FamilyGuards.IsGuarded(syntax)
                    || IsNetworkBase(operation)
                    || AddressLiteralContext.HasIPv6Sibling(syntax, text ?? string.Empty))
                {
                    return;
                }

                foreach (var name in AddressLiteralContext.TargetNames(syntax, operation.SemanticModel))
                {
                    if (AddressLiteralContext.IsVersionName(name) || AddressLiteralContext.IsOidName(name))
                    {
                        return;
                    }
                }

                if (LiteralOwnership.IsOwnedByPeerRules(operation, facts, context.CancellationToken)
                    || AddressLiteralContext.HasIPv6Twin(syntax, context.CancellationToken))
                {
                    return;
                }

                if (addresses is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(AddressRule, syntax.GetLocation(), Display(addresses), Advice(addresses[0].Value)));
                }

                if (loopbacks is not null && !ListenerAddressUse.IsListenerAddress(operation, facts.Symbols, context.CancellationToken))
                {
                    context.ReportDiagnostic(Diagnostic.Create(LoopbackRule, syntax.GetLocation(), Display(loopbacks)));
                }
            }

            /// <summary><c>new IPNetwork(IPAddress.Parse("10.1.2.0"), 24)</c>: the base of a range, not a host.</summary>
            private static bool IsNetworkBase(IOperation operation)
            {
                var current = operation;
                for (var step = 0; step < 6 && current.Parent is { } parent; step++)
                {
                    switch (parent)
                    {
                        case IConversionOperation or IParenthesizedOperation or IArrayInitializerOperation or IArrayCreationOperation:
                            current = parent;
                            continue;
                        case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Parse" or "TryParse" } parse }:
                            current = parse;
                            continue;
                        case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                            if (creation.Type?.Name == "IPNetwork")
                            {
                                return true;
                            }

                            current = creation;
                            continue;
                        default:
                            return false;
                    }
                }

                return false;
            }

            /// <summary>2.5.x.y (X.500 attribute types) and 1.3.6.x (the internet OID arc) are OIDs, not addresses.</summary>
            private static bool IsOidPrefix(uint value)
                => (value >> 16) == 0x0205 || (value >> 8) == 0x010306;

            private static string Display(List<IPv4Match> matches)
            {
                var first = "'" + IPv4Text.Format(matches[0].Value) + "'";
                return matches.Count switch
                {
                    1 => first,
                    2 => first + " (and 1 more address)",
                    _ => first + " (and " + (matches.Count - 1) + " more addresses)",
                };
            }

            /// <summary>DS0021 for <c>IPAddress.Loopback</c> as a client target: Connect, SendTo, UdpClient.Send.</summary>
            private void AnalyzeClientTarget(OperationAnalysisContext context, IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (!IsClientTargetName(method.Name))
                {
                    return;
                }

                var symbols = facts.Symbols;
                var type = method.ContainingType;
                if (!(NetSymbols.Is(type, symbols.Socket) || NetSymbols.Is(type, symbols.TcpClient) || NetSymbols.Is(type, symbols.UdpClient)))
                {
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    var parameterType = argument.Parameter?.Type;
                    IOperation? address = null;
                    if (NetSymbols.Is(parameterType, symbols.IPAddress))
                    {
                        address = argument.Value;
                    }
                    else if (NetSymbols.Is(parameterType, symbols.IPEndPoint) || NetSymbols.Is(parameterType, symbols.EndPoint))
                    {
                        var endpoint = BindSite.ResolveEndpointCreation(argument.Value, symbols);
                        address = endpoint?.Arguments.Length == 2 ? endpoint.Arguments[0].Value : null;
                    }

                    if (address is null)
                    {
                        continue;
                    }

                    var resolved = AddressResolver.Resolve(address, symbols);
                    if (resolved.Kind != WellKnownAddress.IPv4Loopback || resolved.Display != "IPAddress.Loopback" || resolved.Origin is null)
                    {
                        continue; // IPAddress.Parse("127.0.0.1") is reported on its literal
                    }

                    if (facts.IsTestProject && !facts.Options.For(invocation.Syntax.SyntaxTree).AnalyzeTestCode)
                    {
                        return;
                    }

                    if (FamilyGuards.IsGuarded(invocation.Syntax) || FamilyGuards.IsGuarded(resolved.Origin))
                    {
                        continue;
                    }

                    var sameTree = resolved.Origin.SyntaxTree == invocation.Syntax.SyntaxTree;
                    var location = sameTree && invocation.Syntax.Span.Contains(resolved.Origin.Span) ? resolved.Origin.GetLocation() : argument.Syntax.GetLocation();
                    var additional = location.SourceSpan == resolved.Origin.Span || !sameTree ? null : new[] { resolved.Origin.GetLocation() };
                    context.ReportDiagnostic(Diagnostic.Create(LoopbackRule, location, additional, "IPAddress.Loopback"));
                }
            }
        }
    }
}
