using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualStackAnalyzers.CodeFixes.Internals;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// DS0011 fixes: R5 <c>Connect(Dns…[0], p)</c> → <c>Connect(host, p)</c> (every address is tried); <c>new DnsEndPoint(h, p,
    /// InterNetwork)</c> → <c>new DnsEndPoint(h, p)</c>; an IPv4 socket in a ConnectCallback → <c>new Socket(SocketType,
    /// ProtocolType)</c>. Filters and family-restricted lookups are report-only: what the code does with the addresses
    /// next decides whether IPv6 ones are safe there (ground truth #17).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddressSelectionDropsIPv6Fixer))]
    [Shared]
    public sealed class AddressSelectionDropsIPv6Fixer : CodeFixProvider
    {
        public const string AcceptBothFamiliesKey = "DS0011.AcceptBothFamilies";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.AddressSelectionDropsIPv6);

        public override FixAllProvider GetFixAllProvider() => FixHelpers.CreateFixAllProvider(ApplyAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var symbols = model is null ? null : NetSymbols.TryCreate(model.Compilation);
            if (root is null || model is null || symbols is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = Plan.Create(root, model, symbols, diagnostic, context.CancellationToken);
                if (plan is not null)
                {
                    var document = context.Document;
                    context.RegisterCodeFix(
                        FixHelpers.Action(plan.Title, AcceptBothFamiliesKey, ct => ApplyAsync(document, ImmutableArray.Create(diagnostic), AcceptBothFamiliesKey, ct)),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var symbols = model is null ? null : NetSymbols.TryCreate(model.Compilation);
            if (root is null || model is null || symbols is null)
            {
                return document;
            }

            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            var done = new HashSet<SyntaxNode>();
            var plans = diagnostics.OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => Plan.Create(root, model, symbols, d, cancellationToken))
                .OfType<Plan>()
                .ToList();
            foreach (var plan in plans)
            {
                plan.Apply(editor, done);
            }

            // Locals the rewrites leave unread (the lookup's result, the family): in order, so that removing one
            // declaration frees the locals it read.
            var replaced = plans.Select(p => p.Replaced).ToList();
            foreach (var local in plans.SelectMany(p => p.FreedLocals).Distinct(SymbolEqualityComparer.Default).OfType<ILocalSymbol>())
            {
                if (DualStackRewrites.RemoveUnusedLocal(editor, done, local, model, replaced, cancellationToken) is { } removed)
                {
                    replaced.Add(removed);
                }
            }

            return await FixHelpers.FinishAsync(document, editor.GetChangedRoot(), cancellationToken).ConfigureAwait(false);
        }

        private sealed class Plan
        {
            private readonly System.Action<SyntaxEditor, HashSet<SyntaxNode>> apply;

            private Plan(string title, SyntaxNode replaced, IEnumerable<ILocalSymbol?> freedLocals, System.Action<SyntaxEditor, HashSet<SyntaxNode>> apply)
            {
                Title = title;
                Replaced = replaced;
                FreedLocals = freedLocals.OfType<ILocalSymbol>().ToList();
                this.apply = apply;
            }

            public string Title { get; }

            /// <summary>The node the fix rewrites: references inside it no longer count.</summary>
            public SyntaxNode Replaced { get; }

            public IReadOnlyList<ILocalSymbol> FreedLocals { get; }

            public void Apply(SyntaxEditor editor, HashSet<SyntaxNode> done) => apply(editor, done);

            public static Plan? Create(SyntaxNode root, SemanticModel model, NetSymbols symbols, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (diagnostic.Properties.ContainsKey(AddressSelectionDropsIPv6Analyzer.NoFixReasonProperty)
                    || !diagnostic.Properties.TryGetValue(AddressSelectionDropsIPv6Analyzer.FormProperty, out var form))
                {
                    return null;
                }

                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                switch (form)
                {
                    case AddressSelectionDropsIPv6Analyzer.FormDnsEndPoint:
                    case AddressSelectionDropsIPv6Analyzer.FormConnectCallback:
                        return DropFamilyArgument(node, model, form, cancellationToken);
                    case AddressSelectionDropsIPv6Analyzer.FormFirstAddress:
                        return ConnectToHostName(node, model, symbols, cancellationToken);
                    default:
                        return null;
                }
            }

            /// <summary><c>new DnsEndPoint(h, p, InterNetwork)</c> → <c>new DnsEndPoint(h, p)</c>; <c>new Socket(InterNetwork, t, p)</c> → <c>new Socket(t, p)</c>.</summary>
            private static Plan? DropFamilyArgument(SyntaxNode node, SemanticModel model, string form, CancellationToken cancellationToken)
            {
                if (node.FirstAncestorOrSelf<ArgumentSyntax>() is not { } argument
                    || DualStackRewrites.EnclosingCreation(argument) is not { } creationSyntax
                    || model.GetOperation(creationSyntax, cancellationToken) is not IObjectCreationOperation creation
                    || creation.Arguments.FirstOrDefault(a => a.Value.Syntax == argument.Expression) is not { } familyArgument
                    || familyArgument.Parameter?.Type.Name != "AddressFamily")
                {
                    return null;
                }

                // Only where the shorter constructor exists (Socket(SocketType, ProtocolType) is dual with a fallback on every target with a ConnectCallback).
                var parameterTypes = creation.Constructor!.Parameters.Where(p => p.Type.Name != "AddressFamily").Select(p => p.Type.Name).ToArray();
                if (!DualStackRewrites.HasConstructor(creation.Constructor.ContainingType, parameterTypes))
                {
                    return null;
                }

                var local = OperationHelpers.SkipConversions(familyArgument.Value) is ILocalReferenceOperation reference ? reference.Local : null;
                var title = form == AddressSelectionDropsIPv6Analyzer.FormDnsEndPoint
                    ? "Resolve the name to every address family (drop AddressFamily.InterNetwork)"
                    : "Create a dual-stack Socket(SocketType, ProtocolType)";
                return new Plan(title, argument, new[] { local }, (editor, done) => DualStackRewrites.RemoveArgument(editor, done, argument.Expression));
            }

            /// <summary>R5: <c>socket.Connect(Dns.GetHostAddresses(h)[0], p)</c> → <c>socket.Connect(h, p)</c>, which tries every address.</summary>
            private static Plan? ConnectToHostName(SyntaxNode node, SemanticModel model, NetSymbols symbols, CancellationToken cancellationToken)
            {
                // The Connect's own argument (the pick may sit inside an endpoint written in the call).
                var argumentSyntax = node.AncestorsAndSelf().OfType<ArgumentSyntax>().FirstOrDefault(a => a.Parent?.Parent is InvocationExpressionSyntax);
                if (argumentSyntax?.Parent?.Parent is not InvocationExpressionSyntax invocationSyntax
                    || model.GetOperation(invocationSyntax, cancellationToken) is not IInvocationOperation invocation
                    || invocation.Arguments.FirstOrDefault(a => a.Value.Syntax == argumentSyntax.Expression) is not { } argument)
                {
                    return null;
                }

                // The address: the argument itself, or the first argument of an endpoint written in the call.
                IOperation address;
                IOperation? port = null;
                if (NetSymbols.Is(argument.Parameter?.Type, symbols.IPAddress))
                {
                    address = argument.Value;
                }
                else if (OperationHelpers.SkipConversions(argument.Value) is IObjectCreationOperation { Arguments.Length: 2 } endpoint && NetSymbols.Is(endpoint.Type, symbols.IPEndPoint))
                {
                    address = endpoint.Arguments[0].Value;
                    port = endpoint.Arguments[1].Value;
                }
                else
                {
                    return null;
                }

                ILocalSymbol? elementLocal = null;
                var element = OperationHelpers.SkipConversions(address);
                if (element is ILocalReferenceOperation local)
                {
                    var writes = OperationHelpers.LocalWrites(local);
                    if (writes.IsDefault || writes.Length != 1)
                    {
                        return null;
                    }

                    elementLocal = local.Local;
                    element = writes[0];
                }

                var collection = FirstElementCollection(element);
                if (collection is null || AddressSources.Find(collection, symbols, throughFilters: false) is not { HostArgument: { } host } source)
                {
                    return null;
                }

                // Written in the call, the lookup runs once either way; through locals, the host must still hold the same name.
                var inline = invocationSyntax.Span.Contains(source.Origin.Syntax.Span);
                if (!inline && !IsStable(host))
                {
                    return null;
                }

                var hostArgument = SyntaxFactory.Argument(((ExpressionSyntax)host.Syntax).WithoutTrivia());
                var arguments = invocationSyntax.ArgumentList.Arguments;
                var index = arguments.IndexOf(argumentSyntax);
                var newArguments = port is null
                    ? arguments.Replace(argumentSyntax, hostArgument.WithTriviaFrom(argumentSyntax))
                    : arguments.RemoveAt(index).InsertRange(index, new[] { hostArgument.WithTriviaFrom(argumentSyntax), SyntaxFactory.Argument(((ExpressionSyntax)port.Syntax).WithoutTrivia()) });
                var newInvocation = invocationSyntax.WithArgumentList(invocationSyntax.ArgumentList.WithArguments(newArguments));

                // The same method name must take a host name here (Socket.ConnectAsync(string, int) is missing on older targets).
                var bound = model.GetSpeculativeSymbolInfo(invocationSyntax.SpanStart, newInvocation, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
                if (bound is null || bound.Name != invocation.TargetMethod.Name || bound.Parameters.Length <= index || bound.Parameters[index].Type.SpecialType != SpecialType.System_String)
                {
                    return null;
                }

                return new Plan("Connect to the host name: every address it resolves to is tried", invocationSyntax, new[] { elementLocal, source.Local },
                    (editor, done) => FixHelpers.ReplaceOnce(editor, done, invocationSyntax, newInvocation));
            }

            private static IOperation? FirstElementCollection(IOperation? element)
                => OperationHelpers.SkipConversions(element) switch
                {
                    IArrayElementReferenceOperation { Indices.Length: 1 } array => array.ArrayReference,
                    IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } => instance,
                    IInvocationOperation { TargetMethod.Name: "First" or "FirstOrDefault", Arguments.Length: 1 } first => first.Arguments[0].Value,
                    _ => null,
                };

            /// <summary>A host expression that reads the same name at the Connect as at the lookup.</summary>
            private static bool IsStable(IOperation host)
            {
                host = OperationHelpers.SkipConversions(host)!;
                switch (host)
                {
                    case { ConstantValue.HasValue: true }:
                        return true;
                    case IParameterReferenceOperation parameter:
                        return !OperationHelpers.Root(host).Descendants().OfType<IAssignmentOperation>()
                            .Any(a => a.Target is IParameterReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Parameter, parameter.Parameter));
                    case ILocalReferenceOperation local:
                        var writes = OperationHelpers.LocalWrites(local);
                        return !writes.IsDefault && writes.Length == 1;
                    case IFieldReferenceOperation field:
                        return field.Field.IsReadOnly || field.Field.IsConst;
                    case IPropertyReferenceOperation { Arguments.Length: 0, Instance: var instance }:
                        return instance is null or IInstanceReferenceOperation || IsStable(instance);
                    case IInvocationOperation { TargetMethod.Name: "GetHostName", Arguments.Length: 0 }:
                        return true;
                    default:
                        return false;
                }
            }
        }
    }
}
