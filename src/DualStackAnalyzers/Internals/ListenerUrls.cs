using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DualStackAnalyzers.Internals
{
    /// <summary>A place where text becomes the URL set an ASP.NET Core server listens on.</summary>
    internal sealed class UrlSink
    {
        public UrlSink(IOperation operation, IOperation value, string display)
        {
            Operation = operation;
            Value = value;
            Display = display;
        }

        /// <summary>The call or assignment.</summary>
        public IOperation Operation { get; }

        /// <summary>The operand whose text is the URL (or URL list).</summary>
        public IOperation Value { get; }

        /// <summary>How the message names the sink: "UseUrls", "environment variable ASPNETCORE_URLS", ...</summary>
        public string Display { get; }
    }

    /// <summary>A URL host found in the text that reaches a sink.</summary>
    internal readonly struct FoundUrlHost
    {
        public FoundUrlHost(UrlHost host, Location location, string url, string hostText, string? via, SyntaxNode? useSite, IFieldSymbol? viaField, bool placed)
        {
            Host = host;
            Location = location;
            Url = url;
            HostText = hostText;
            Via = via;
            UseSite = useSite;
            ViaField = viaField;
            Placed = placed;
        }

        public UrlHost Host { get; }

        /// <summary>The host as written in a literal; the sink's operand when the text could not be placed.</summary>
        public Location Location { get; }

        /// <summary>The URL as written, for the message.</summary>
        public string Url { get; }

        /// <summary>The host as written (brackets included).</summary>
        public string HostText { get; }

        /// <summary>The local or field that holds the literal (for the message); null when written in place.</summary>
        public string? Via { get; }

        /// <summary>The reference at the sink through which the text travelled (the additional location); null when written in place.</summary>
        public SyntaxNode? UseSite { get; }

        /// <summary>The first constant or readonly field the text travelled through from the sink, if any.</summary>
        public IFieldSymbol? ViaField { get; }

        /// <summary>True when <see cref="Location"/> is the host inside a literal, so a text fix can rewrite it.</summary>
        public bool Placed { get; }
    }

    /// <summary>What a rule gets for each URL host that reaches a listener.</summary>
    internal readonly struct UrlHostReport
    {
        public UrlHostReport(FoundUrlHost host, UrlSink sink, IReadOnlyList<FoundUrlHost> sinkHosts, ISymbol containingSymbol, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            Host = host;
            Sink = sink;
            SinkHosts = sinkHosts;
            ContainingSymbol = containingSymbol;
            Report = report;
            CancellationToken = cancellationToken;
        }

        public FoundUrlHost Host { get; }

        public UrlSink Sink { get; }

        /// <summary>Every host that reaches the same sink (to see pairs such as 127.0.0.1 + [::1] on one port).</summary>
        public IReadOnlyList<FoundUrlHost> SinkHosts { get; }

        /// <summary>The member or type the sink is in.</summary>
        public ISymbol ContainingSymbol { get; }

        public Action<Diagnostic> Report { get; }

        /// <summary>The analysis's cancellation, for a rule's checks over the type before it reports.</summary>
        public CancellationToken CancellationToken { get; }

        /// <summary>The use site as an additional location, or none when the text is written in the call itself.</summary>
        public IEnumerable<Location>? AdditionalLocations => Host.UseSite is null ? null : new[] { Host.UseSite.GetLocation() };

        /// <summary>"'http://0.0.0.0:5000' given to UseUrls" or "'http://0.0.0.0:5000' (in 'Defaults.Url') given to UseUrls".</summary>
        public string Description => "'" + Host.Url + "'" + (Host.Via is null ? string.Empty : " (in " + Host.Via + ")") + " given to " + Sink.Display;
    }

    /// <summary>
    /// URLs that reach a listening API or a listening configuration key (DS0002, DS0004, DS0006): UseUrls,
    /// UseSetting("urls"), WebApplication.Urls, IServerAddressesFeature.Addresses, WebApplication.Run(url),
    /// WebHost.Start(url), configuration keys <c>urls</c> / <c>Kestrel:Endpoints:*:Url</c> and the URL environment
    /// variables. A URL given to anything else (HttpClient, a log line) is not a listener URL.
    /// </summary>
    internal static class ListenerUrls
    {
        /// <summary>
        /// Diagnostic property of a URL host a fix may rewrite: the text that replaces the host (<c>*</c>,
        /// <c>localhost</c>). Absent when no fix is offered.
        /// </summary>
        public const string ReplacementProperty = "UrlHostReplacement";

        private const int MaxDepth = 4;

        /// <summary>The sink <paramref name="operation"/> is, or null. Rejects cheaply on names before any symbol test.</summary>
        public static UrlSink? TryGetSink(IOperation operation, NetSymbols symbols, CancellationToken cancellationToken = default)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    return FromInvocation(invocation, symbols, cancellationToken);
                case ISimpleAssignmentOperation assignment:
                    return FromIndexerAssignment(assignment, symbols, cancellationToken);
                case IObjectCreationOperation creation:
                    return FromKeyValuePair(creation, symbols, cancellationToken);
                default:
                    return null;
            }
        }

        /// <summary>A read (Get…, TryGet…) sets nothing; every other method may take a (key, URL) pair.</summary>
        private static bool MayBeSinkMethod(string name)
            => !name.StartsWith("Get", StringComparison.Ordinal) && !name.StartsWith("TryGet", StringComparison.Ordinal);

        private static UrlSink? FromInvocation(IInvocationOperation invocation, NetSymbols symbols, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "UseUrls" when IsAspNetCore(method.ContainingType):
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter is { IsParams: true } || argument.Parameter?.Type.SpecialType == SpecialType.System_String)
                        {
                            return new UrlSink(invocation, argument.Value, "UseUrls");
                        }
                    }

                    return null;
                case "UseSetting" when IsAspNetCore(method.ContainingType):
                    return KeyValueArguments(invocation, allowUrlsKey: true, cancellationToken);
                case "Run" or "RunAsync" when NetSymbols.Is(method.ContainingType, symbols.WebApplication):
                    return NamedArgument(invocation, "url", "WebApplication." + method.Name);
                case "Start" or "StartWith" when NetSymbols.Is(method.ContainingType, symbols.WebHost):
                    return NamedArgument(invocation, "url", "WebHost." + method.Name);
                case "Add" when invocation.Arguments.Length == 1:
                    if (OperationHelpers.SkipConversions(invocation.Instance) is IPropertyReferenceOperation { Property: var property }
                        && invocation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String
                        && ((property.Name == "Urls" && NetSymbols.Is(property.ContainingType, symbols.WebApplication))
                            || (property.Name == "Addresses" && NetSymbols.Is(property.ContainingType, symbols.ServerAddressesFeature))))
                    {
                        return new UrlSink(invocation, invocation.Arguments[0].Value, property.ContainingType.Name + "." + property.Name);
                    }

                    return null;
            }

            // Environment.SetEnvironmentVariable("ASPNETCORE_URLS", url), dictionary.Add("Kestrel:Endpoints:Http:Url", url),
            // container.WithEnvironment("ASPNETCORE_URLS", url): the key names the listener whatever the method is.
            // A read with a default (GetValue(key, fallback)) does not set what the server listens on.
            return invocation.Arguments.Length >= 2 && MayBeSinkMethod(method.Name)
                ? KeyValueArguments(invocation, allowUrlsKey: false, cancellationToken)
                : null;
        }

        /// <summary>(key, value) arguments where the key names a listener URL setting.</summary>
        private static UrlSink? KeyValueArguments(IInvocationOperation invocation, bool allowUrlsKey, CancellationToken cancellationToken)
        {
            var arguments = invocation.Arguments;
            for (var i = 0; i < arguments.Length - 1 && i < 2; i++)
            {
                if (KeyText(arguments[i].Value) is { } key
                    && ListenerUrlKeys.MayBeKey(key)
                    && arguments[i + 1].Parameter?.Type.SpecialType == SpecialType.System_String)
                {
                    var display = KeyDisplay(key, IsBareUrlsKey(key) && (allowUrlsKey || InMemoryConfiguration(invocation, cancellationToken)));
                    return display is null ? null : new UrlSink(invocation, arguments[i + 1].Value, display);
                }
            }

            return null;
        }

        /// <summary><c>configuration["urls"] = url</c>, <c>psi.Environment["ASPNETCORE_URLS"] = url</c>, dictionary initializers.</summary>
        private static UrlSink? FromIndexerAssignment(ISimpleAssignmentOperation assignment, NetSymbols symbols, CancellationToken cancellationToken)
        {
            if (assignment.Target is not IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                || KeyText(indexer.Arguments[0].Value) is not { } key
                || !ListenerUrlKeys.MayBeKey(key)
                || assignment.Value.Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            var display = KeyDisplay(key, IsBareUrlsKey(key) && (IsConfiguration(indexer.Property.ContainingType, symbols) || InMemoryConfiguration(assignment, cancellationToken)));
            return display is null ? null : new UrlSink(assignment, assignment.Value, display);
        }

        /// <summary><c>new KeyValuePair&lt;string, string?&gt;("urls", url)</c> in an in-memory configuration.</summary>
        private static UrlSink? FromKeyValuePair(IObjectCreationOperation creation, NetSymbols symbols, CancellationToken cancellationToken)
        {
            if (creation.Arguments.Length != 2 || !NetSymbols.Is(creation.Type, symbols.KeyValuePair)
                || creation.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string key }
                || !ListenerUrlKeys.MayBeKey(key)
                || creation.Arguments[1].Value.Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            var display = KeyDisplay(key, IsBareUrlsKey(key) && InMemoryConfiguration(creation, cancellationToken));
            return display is null ? null : new UrlSink(creation, creation.Arguments[1].Value, display);
        }

        /// <summary>
        /// The message's name for a key: the URL environment variables and Kestrel endpoint keys count wherever they are
        /// written; the bare <c>urls</c> key only where <paramref name="urlsKeyCounts"/> says it is configuration
        /// (callers test that only for <see cref="IsBareUrlsKey"/>: no closure is allocated on this hot path).
        /// </summary>
        private static string? KeyDisplay(string key, bool urlsKeyCounts)
        {
            if (ListenerUrlKeys.IsEnvironmentVariable(key))
            {
                return "environment variable " + key;
            }

            if (ListenerUrlKeys.IsKestrelEndpointUrlKey(key) || (ListenerUrlKeys.IsConfigurationKey(key) && urlsKeyCounts))
            {
                return "configuration key '" + key + "'";
            }

            return null;
        }

        /// <summary>The key counts only where it is configuration (not an environment variable or a Kestrel endpoint key).</summary>
        private static bool IsBareUrlsKey(string key)
            => ListenerUrlKeys.IsConfigurationKey(key) && !ListenerUrlKeys.IsEnvironmentVariable(key) && !ListenerUrlKeys.IsKestrelEndpointUrlKey(key);

        /// <summary>A constant key, or <c>WebHostDefaults.ServerUrlsKey</c> (a static readonly field, not a constant).</summary>
        private static string? KeyText(IOperation key)
        {
            // Called for the first arguments of most calls: syntax first (ConstantString).
            if (OperationHelpers.ConstantString(key) is { } text)
            {
                return text;
            }

            return OperationHelpers.SkipConversions(key) is IFieldReferenceOperation { Field: { Name: "ServerUrlsKey", ContainingType.Name: "WebHostDefaults" } }
                ? "urls"
                : null;
        }

        private static UrlSink? NamedArgument(IInvocationOperation invocation, string parameterName, string display)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == parameterName && argument.Parameter.Type.SpecialType == SpecialType.System_String
                    && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return new UrlSink(invocation, argument.Value, display);
                }
            }

            return null;
        }

        /// <summary>Declared in Microsoft.AspNetCore or a namespace under it.</summary>
        private static bool IsAspNetCore(INamedTypeSymbol? type)
        {
            // Walk up to the namespace under the global one: Microsoft.AspNetCore.* without building display strings.
            INamespaceSymbol? second = null;
            for (var ns = type?.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                if (ns.ContainingNamespace is { IsGlobalNamespace: true })
                {
                    return ns.Name == "Microsoft" && second?.Name == "AspNetCore";
                }

                second = ns;
            }

            return false;
        }

        private static bool IsConfiguration(INamedTypeSymbol? type, NetSymbols symbols)
        {
            var configuration = symbols.Configuration;
            if (type is null || configuration is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, configuration))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, configuration))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Is this entry part of a collection given to <c>AddInMemoryCollection</c> (directly, or through a local that
        /// is)? Only there is a bare <c>urls</c> key configuration.
        /// </summary>
        private static bool InMemoryConfiguration(IOperation entry, CancellationToken cancellationToken)
        {
            // dictionary["urls"] = url / dictionary.Add("urls", url) on a local: the entry names its collection.
            switch (entry)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation local } }:
                    return LocalGivenToInMemoryCollection(local.Local, entry, cancellationToken);
                case IInvocationOperation { Instance: ILocalReferenceOperation local }:
                    return LocalGivenToInMemoryCollection(local.Local, entry, cancellationToken);
            }

            // An initializer entry: climb to the collection and see where it goes.
            var current = entry;
            for (var depth = 0; depth < 8 && current.Parent is { } parent; depth++, current = parent)
            {
                switch (parent)
                {
                    case IArgumentOperation { Parent: IInvocationOperation invocation }:
                        return invocation.TargetMethod.Name == "AddInMemoryCollection";
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return LocalGivenToInMemoryCollection(declarator.Symbol, parent, cancellationToken);
                    case IBlockOperation:
                    case IExpressionStatementOperation:
                        return false;
                }
            }

            return false;
        }

        private static bool LocalGivenToInMemoryCollection(ILocalSymbol local, IOperation within, CancellationToken cancellationToken)
        {
            foreach (var node in OperationHelpers.Root(within).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (node is IInvocationOperation { TargetMethod.Name: "AddInMemoryCollection" } invocation)
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (OperationHelpers.SkipConversions(argument.Value) is ILocalReferenceOperation reference
                            && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        // ---- Registration shared by the URL rules ------------------------------------------------------------------

        /// <summary>
        /// Registers the actions that find URL hosts of the <paramref name="wanted"/> kinds reaching a listener, and calls
        /// <paramref name="report"/> for each one outside a guarded fallback. Text written in place or in a local is
        /// reported from the sink; text in a constant or readonly field of the same file is reported from the field's
        /// initializer, so that the diagnostic sits on the literal and stays local to its declaration (the IDE offers
        /// fixes only for local diagnostics). Text in a field of another file is reported from the sink.
        /// </summary>
        public static void Register(CompilationStartAnalysisContext start, NetSymbols symbols, Func<UrlHostKind, bool> wanted, Action<UrlHostReport> report)
        {
            // Hosted in AllRulesAnalyzer, DS0002, DS0004 and DS0006 share one search; a rule run alone has its own.
            var search = start is RuleHost.ISharedState shared
                ? shared.GetOrAdd(() => new SinkSearch(start, symbols))
                : new SinkSearch(start, symbols);
            search.Subscribers.Add((wanted, report));
        }

        /// <summary>The sinks of a compilation, searched once for every rule that wants URL hosts.</summary>
        private sealed class SinkSearch
        {
            private readonly NetSymbols symbols;

            public SinkSearch(CompilationStartAnalysisContext start, NetSymbols symbols)
            {
                this.symbols = symbols;
                start.RegisterOperationAction(AnalyzeSink, OperationKind.SimpleAssignment);
                start.RegisterNamedOperationAction(AnalyzeSink, OperationKind.Invocation, MayBeSinkMethod);
                start.RegisterNamedOperationAction(AnalyzeSink, OperationKind.ObjectCreation, name => name == "KeyValuePair");
                start.RegisterOperationAction(AnalyzeFieldInitializer, OperationKind.FieldInitializer);
            }

            /// <summary>Filled by the compilation-start actions before any operation is analyzed; read-only after.</summary>
            public List<(Func<UrlHostKind, bool> Wanted, Action<UrlHostReport> Report)> Subscribers { get; } = new List<(Func<UrlHostKind, bool>, Action<UrlHostReport>)>();

            private bool AnyWants(UrlHostKind kind)
            {
                foreach (var subscriber in Subscribers)
                {
                    if (subscriber.Wanted(kind))
                    {
                        return true;
                    }
                }

                return false;
            }

            private void AnalyzeSink(OperationAnalysisContext context)
            {
                var sink = TryGetSink(context.Operation, symbols, context.CancellationToken);
                var hosts = sink is null ? null : FindHosts(sink.Value);
                if (sink is null || hosts is null)
                {
                    return;
                }

                var tree = context.Operation.Syntax.SyntaxTree;
                foreach (var host in hosts)
                {
                    // A field of this file reports its own literal (AnalyzeFieldInitializer).
                    if (AnyWants(host.Host.Kind) && !DeclaredIn(host.ViaField, tree) && !IsGuarded(host, sink) && !InGeneratedCode(host, context))
                    {
                        Report(host, sink, hosts, context);
                    }
                }
            }

            private void Report(FoundUrlHost host, UrlSink sink, List<FoundUrlHost> hosts, OperationAnalysisContext context)
            {
                foreach (var (wanted, report) in Subscribers)
                {
                    if (wanted(host.Host.Kind))
                    {
                        report(new UrlHostReport(host, sink, hosts, context.ContainingSymbol, context.ReportDiagnostic, context.CancellationToken));
                    }
                }
            }

            private void AnalyzeFieldInitializer(OperationAnalysisContext context)
            {
                var initializer = (IFieldInitializerOperation)context.Operation;
                if (initializer.InitializedFields.Length != 1 || initializer.SemanticModel is not { } model)
                {
                    return;
                }

                var field = initializer.InitializedFields[0];
                if (!(field.IsConst || field.IsReadOnly)
                    || !(field.Type.SpecialType == SpecialType.System_String || field.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String })
                    || !HasWantedHost(initializer.Value, AnyWants))
                {
                    return;
                }

                // Where the field is read in this file, the sinks of the enclosing body are where its text may arrive.
                var roots = new HashSet<SyntaxNode>();
                foreach (var name in IdentifierIndex.Named(context.Operation.Syntax.SyntaxTree, field.Name, context.CancellationToken))
                {
                    ExpressionSyntax reference = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                    if (model.GetOperation(reference, context.CancellationToken) is IFieldReferenceOperation fieldReference
                        && SymbolEqualityComparer.Default.Equals(fieldReference.Field, field))
                    {
                        var body = OperationHelpers.Root(fieldReference);
                        if (!roots.Add(body.Syntax))
                        {
                            continue;
                        }

                        foreach (var operation in body.DescendantsAndSelf())
                        {
                            context.CancellationToken.ThrowIfCancellationRequested();
                            var sink = TryGetSink(operation, symbols, context.CancellationToken);
                            var hosts = sink is null ? null : FindHosts(sink.Value);
                            if (sink is null || hosts is null)
                            {
                                continue;
                            }

                            foreach (var host in hosts)
                            {
                                if (AnyWants(host.Host.Kind) && SymbolEqualityComparer.Default.Equals(host.ViaField, field) && !IsGuarded(host, sink) && !InGeneratedCode(host, context))
                                {
                                    Report(host, sink, hosts, context);
                                }
                            }
                        }
                    }
                }
            }
        }

        /// <summary>Text that travelled through a field may be written in generated code, where nothing is reported.</summary>
        private static bool InGeneratedCode(FoundUrlHost host, OperationAnalysisContext context)
            => host.ViaField is not null && GeneratedCode.Contains(host.Location, host.ViaField, context.Compilation, context.CancellationToken);

        private static bool HasWantedHost(IOperation value, Func<UrlHostKind, bool> wanted)
        {
            var hosts = FindHosts(value);
            if (hosts is not null)
            {
                foreach (var host in hosts)
                {
                    if (wanted(host.Host.Kind))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool DeclaredIn(IFieldSymbol? field, SyntaxTree tree)
        {
            if (field is null)
            {
                return false;
            }

            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == tree)
                {
                    return true;
                }
            }

            return false;
        }

        // ---- Where the text is written ----------------------------------------------------------------------------

        /// <summary>
        /// Every URL host in the constant text that reaches <paramref name="value"/>: literals, the constant text of
        /// interpolations, concatenations, conditionals, params arrays, string.Concat/Join/Format, and locals, readonly
        /// fields and constants that hold them. A host of a constant whose text is not written in one literal
        /// (<c>"http://" + Host + ":80"</c>) is located at the constant's use, with no fix.
        /// </summary>
        public static List<FoundUrlHost>? FindHosts(IOperation value)
        {
            var collector = new HostCollector();
            collector.Collect(value, default, endIsOpen: false, 0);
            return collector.Found;
        }

        /// <summary>The content range of a string token's text (inside the quotes), for the token kinds URL text comes in.</summary>
        public static bool TryGetContent(SyntaxToken token, out int start, out int end)
        {
            var text = token.Text;
            start = 0;
            end = text.Length;
            switch (token.Kind())
            {
                case SyntaxKind.InterpolatedStringTextToken:
                    return true;
                case SyntaxKind.StringLiteralToken:
                    start = text.Length > 0 && text[0] == '@' ? 2 : 1;
                    end = text.Length - 1;
                    return end >= start;
                case SyntaxKind.SingleLineRawStringLiteralToken:
                case SyntaxKind.MultiLineRawStringLiteralToken:
                    while (start < text.Length && text[start] == '"')
                    {
                        start++;
                    }

                    end = text.Length - start;
                    return end >= start;
                default:
                    return false;
            }
        }

        /// <summary>How text got from where it is written to the sink.</summary>
        private readonly struct Travel
        {
            private Travel(string? via, SyntaxNode? useSite, IFieldSymbol? field)
            {
                Via = via;
                UseSite = useSite;
                Field = field;
            }

            /// <summary>The innermost holder: the local or field whose value is the literal.</summary>
            public string? Via { get; }

            /// <summary>The outermost reference: the one written at the sink.</summary>
            public SyntaxNode? UseSite { get; }

            /// <summary>The outermost field on the way.</summary>
            public IFieldSymbol? Field { get; }

            public Travel Through(string holder, SyntaxNode reference, IFieldSymbol? field)
                => new Travel(holder, UseSite ?? reference, Field ?? field);
        }

        /// <summary>Walks the operations (and, in other files, the syntax) that produce a string, scanning each literal once.</summary>
        private sealed class HostCollector
        {
            private HashSet<SyntaxToken>? seen;

            public List<FoundUrlHost>? Found { get; private set; }

            private int Count => Found?.Count ?? 0;

            public void Collect(IOperation? operation, Travel travel, bool endIsOpen, int depth)
            {
                operation = OperationHelpers.SkipConversions(operation);
                if (operation is null || depth > MaxDepth)
                {
                    return;
                }

                var before = Count;
                switch (operation)
                {
                    case ILiteralOperation when operation.Syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression):
                        Scan(literal.Token, endIsOpen, travel);
                        return;

                    case IInterpolatedStringOperation interpolated:
                        var parts = interpolated.Parts;
                        for (var i = 0; i < parts.Length; i++)
                        {
                            if (parts[i] is IInterpolatedStringTextOperation { Syntax: InterpolatedStringTextSyntax text })
                            {
                                Scan(text.TextToken, endIsOpen || i < parts.Length - 1, travel);
                            }
                        }

                        return;

                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                        Collect(binary.LeftOperand, travel, endIsOpen: true, depth);
                        Collect(binary.RightOperand, travel, endIsOpen, depth);
                        break;

                    case IConditionalOperation conditional:
                        Collect(conditional.WhenTrue, travel, endIsOpen, depth);
                        Collect(conditional.WhenFalse, travel, endIsOpen, depth);
                        break;

                    case ICoalesceOperation coalesce:
                        Collect(coalesce.Value, travel, endIsOpen, depth);
                        Collect(coalesce.WhenNull, travel, endIsOpen, depth);
                        break;

                    case IArrayCreationOperation { Initializer: { } initializer }:
                        foreach (var element in initializer.ElementValues)
                        {
                            Collect(element, travel, endIsOpen: false, depth);
                        }

                        break;

                    case IInvocationOperation invocation when invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String
                        && invocation.TargetMethod.Name is "Concat" or "Join" or "Format":
                        foreach (var argument in invocation.Arguments)
                        {
                            Collect(argument.Value, travel, endIsOpen: invocation.TargetMethod.Name != "Join", depth + 1);
                        }

                        break;

                    case ILocalReferenceOperation local:
                        var writes = OperationHelpers.LocalWrites(local);
                        if (!writes.IsDefault)
                        {
                            var through = travel.Through("'" + local.Local.Name + "'", local.Syntax, null);
                            foreach (var write in writes)
                            {
                                Collect(write, through, endIsOpen, depth + 1);
                            }
                        }

                        break;

                    case IFieldReferenceOperation fieldReference:
                        CollectField(fieldReference, travel, endIsOpen, depth);
                        break;

                    default:
                        // Collection expressions (C# 12) are not modelled by the Roslyn this package compiles against.
                        if (operation.Syntax is CollectionExpressionSyntax)
                        {
                            foreach (var child in operation.ChildOperations)
                            {
                                Collect(child, travel, endIsOpen: false, depth + 1);
                            }
                        }

                        break;
                }

                if (operation.ConstantValue is { HasValue: true, Value: string constant })
                {
                    AddUnplaced(constant, before, operation.Syntax, travel);
                }
            }

            /// <summary>A constant or readonly field: its initializer (a mutable field may be reassigned anywhere).</summary>
            private void CollectField(IFieldReferenceOperation reference, Travel travel, bool endIsOpen, int depth)
            {
                var field = reference.Field;
                if (!(field.IsConst || field.IsReadOnly))
                {
                    return;
                }

                var through = travel.Through("'" + (field.ContainingType is null ? field.Name : field.ContainingType.Name + "." + field.Name) + "'", reference.Syntax, field);
                var model = reference.SemanticModel;
                foreach (var declaration in field.DeclaringSyntaxReferences)
                {
                    if (declaration.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value })
                    {
                        continue;
                    }

                    if (model is not null && value.SyntaxTree == model.SyntaxTree)
                    {
                        Collect(model.GetOperation(value), through, endIsOpen, depth + 1);
                    }
                    else
                    {
                        // Another file: no semantic model there; read the literals as written.
                        CollectSyntax(value, through, endIsOpen);
                    }
                }
            }

            private void CollectSyntax(ExpressionSyntax expression, Travel travel, bool endIsOpen)
            {
                switch (expression)
                {
                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                        Scan(literal.Token, endIsOpen, travel);
                        break;
                    case InterpolatedStringExpressionSyntax interpolated:
                        var contents = interpolated.Contents;
                        for (var i = 0; i < contents.Count; i++)
                        {
                            if (contents[i] is InterpolatedStringTextSyntax text)
                            {
                                Scan(text.TextToken, endIsOpen || i < contents.Count - 1, travel);
                            }
                        }

                        break;
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                        CollectSyntax(binary.Left, travel, endIsOpen: true);
                        CollectSyntax(binary.Right, travel, endIsOpen);
                        break;
                    case ParenthesizedExpressionSyntax parenthesized:
                        CollectSyntax(parenthesized.Expression, travel, endIsOpen);
                        break;
                    case ConditionalExpressionSyntax conditional:
                        CollectSyntax(conditional.WhenTrue, travel, endIsOpen);
                        CollectSyntax(conditional.WhenFalse, travel, endIsOpen);
                        break;
                    case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                        CollectElements(initializer.Expressions, travel);
                        break;
                    case ImplicitArrayCreationExpressionSyntax implicitArray:
                        CollectElements(implicitArray.Initializer.Expressions, travel);
                        break;
                    case InitializerExpressionSyntax initializer:
                        CollectElements(initializer.Expressions, travel);
                        break;
                    case CollectionExpressionSyntax collection:
                        foreach (var element in collection.Elements)
                        {
                            if (element is ExpressionElementSyntax { Expression: var item })
                            {
                                CollectSyntax(item, travel, endIsOpen: false);
                            }
                        }

                        break;
                }
            }

            private void CollectElements(SeparatedSyntaxList<ExpressionSyntax> elements, Travel travel)
            {
                foreach (var element in elements)
                {
                    CollectSyntax(element, travel, endIsOpen: false);
                }
            }

            private void Scan(SyntaxToken token, bool endIsOpen, Travel travel)
            {
                // The common case (no URL in the literal) allocates nothing.
                var text = token.Text;
                if (!TryGetContent(token, out var start, out var end) || text.IndexOf("://", start, end - start, StringComparison.Ordinal) < 0)
                {
                    return;
                }

                seen ??= new HashSet<SyntaxToken>();
                if (!seen.Add(token) || UrlHostScanner.Scan(text, start, end, endIsOpen) is not { } hosts)
                {
                    return;
                }

                foreach (var host in hosts)
                {
                    var location = Location.Create(token.SyntaxTree!, new TextSpan(token.SpanStart + host.HostStart, host.HostLength));
                    Add(new FoundUrlHost(host, location, text.Substring(host.UrlStart, host.UrlEnd - host.UrlStart), text.Substring(host.HostStart, host.HostLength), travel.Via, travel.UseSite, travel.Field, placed: true));
                }
            }

            /// <summary>
            /// The hosts of a constant that its literals (found since <paramref name="before"/>) did not show, as when
            /// the host and the scheme are in different constants: located at the constant's use.
            /// </summary>
            private void AddUnplaced(string constant, int before, SyntaxNode use, Travel travel)
            {
                if (!UrlHostScanner.MayContainUrl(constant) || UrlHostScanner.Scan(constant) is not { } constantHosts)
                {
                    return;
                }

                var placed = new Dictionary<UrlHostKind, int>();
                for (var i = before; i < Count; i++)
                {
                    var kind = Found![i].Host.Kind;
                    placed[kind] = placed.TryGetValue(kind, out var n) ? n + 1 : 1;
                }

                foreach (var host in constantHosts)
                {
                    if (placed.TryGetValue(host.Kind, out var n) && n > 0)
                    {
                        placed[host.Kind] = n - 1;
                        continue;
                    }

                    Add(new FoundUrlHost(host, (travel.UseSite ?? use).GetLocation(), constant.Substring(host.UrlStart, host.UrlEnd - host.UrlStart), constant.Substring(host.HostStart, host.HostLength), null, null, null, placed: false));
                }
            }

            private void Add(FoundUrlHost host)
            {
                Found ??= new List<FoundUrlHost>();
                Found.Add(host);
            }
        }

        /// <summary>
        /// Does the type that holds <paramref name="node"/> (the file, for top-level code) also write a URL whose host is
        /// of <paramref name="kind"/> on the same port as <paramref name="like"/>? (A 127.0.0.1 URL with a [::1] URL on
        /// its port is a deliberate pair.) Syntax only: runs when a rule is about to report.
        /// </summary>
        public static bool TypeWritesUrl(INamedTypeSymbol? type, SyntaxNode node, UrlHostKind kind, UrlHost like, CancellationToken cancellationToken)
        {
            foreach (var declaration in CompilationFacts.Declarations(type, node))
            {
                foreach (var token in Walks.Tokens(declaration, cancellationToken))
                {
                    if (!TryGetContent(token, out var start, out var end)
                        || token.Text.IndexOf("://", start, end - start, StringComparison.Ordinal) < 0
                        || UrlHostScanner.Scan(token.Text, start, end, endIsOpen: false) is not { } hosts)
                    {
                        continue;
                    }

                    foreach (var host in hosts)
                    {
                        if (host.Kind == kind && host.PortKind == like.PortKind && host.Port == like.Port)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>Is the sink or the text inside a guarded fallback (rules.md, Never flag)?</summary>
        private static bool IsGuarded(FoundUrlHost host, UrlSink sink)
        {
            if (FamilyGuards.IsGuarded(sink.Operation.Syntax))
            {
                return true;
            }

            var tree = host.Location.SourceTree;
            if (!host.Placed || tree is null)
            {
                return false;
            }

            var token = tree.GetRoot().FindToken(host.Location.SourceSpan.Start);
            return token.Parent is { } parent && FamilyGuards.IsGuarded(parent);
        }
    }
}
