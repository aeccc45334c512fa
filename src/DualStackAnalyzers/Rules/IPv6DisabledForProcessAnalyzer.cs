using System.Collections.Immutable;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0014: code switches IPv6 off for a whole process (AppContext switch System.Net.DisableIPv6, environment
    /// variable DOTNET_SYSTEM_NET_DISABLEIPV6). OSSupportsIPv6 turns false and DNS drops AAAA records (fact 3).
    /// </summary>
    public sealed class IPv6DisabledForProcessAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.IPv6DisabledForProcess,
            RuleCategories.AddressFamily,
            "IPv6 is switched off for the whole process",
            "{0} switches IPv6 off for {1}: Socket.OSSupportsIPv6 becomes false and DNS lookups drop AAAA records, so peers that have only IPv6 addresses (all of them in an IPv6-only cluster) become unreachable",
            DiagnosticSeverity.Warning,
            "The AppContext switch System.Net.DisableIPv6 and the environment variable DOTNET_SYSTEM_NET_DISABLEIPV6 (.NET 6+) make .NET behave as if the OS had no IPv6: Socket.OSSupportsIPv6 is false and name resolution discards AAAA records. In an IPv6-only or IPv6-first cluster the services the process calls then cannot be reached. Remove the setting and fix the IPv6 path it was hiding (a dual-stack listener, a client that tries every address).");

        private const string ThisProcess = "the whole process";
        private const string OtherProcess = "the whole process it is given to";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

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

                var appContext = facts.Symbols.AppContext;
                var environment = facts.Symbols.Environment;

                // The switch and the variable exist from .NET 6; .NET Framework and older .NET Core ignore them.
                // A netstandard library may run on .NET 6+, so it counts.
                var target = facts.Target;
                var runtimeReadsSwitch = target.Family != TargetFamily.NetFramework
                    && !(target.Family == TargetFamily.NetCore && target.Version.Major < DisableIPv6Setting.FirstRuntimeMajorVersion);

                start.RegisterNamedOperationAction(c => AnalyzeInvocation(c, appContext, environment, runtimeReadsSwitch), OperationKind.Invocation, IsSetterName);
                start.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
                start.RegisterOperationAction(AnalyzeIndexerAssignment, OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol? appContext, INamedTypeSymbol? environment, bool runtimeReadsSwitch)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var arguments = invocation.Arguments;
            if (arguments.Length < 2)
            {
                return;
            }

            var method = invocation.TargetMethod;
            if (appContext is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, appContext))
            {
                // AppContext.SetSwitch(name, true); AppContext.SetData(name, "true") (TryGetSwitch parses string data).
                var name = ConstantString(Argument(invocation, 0));
                if (!DisableIPv6Setting.IsSwitchName(name) || !runtimeReadsSwitch)
                {
                    return;
                }

                var value = OperationHelpers.SkipConversions(Argument(invocation, 1))?.ConstantValue;
                var on = method.Name switch
                {
                    "SetSwitch" => value is { HasValue: true, Value: true },
                    "SetData" => value is { HasValue: true, Value: string text } && DisableIPv6Setting.IsOnSwitchValue(text),
                    _ => false,
                };
                if (on)
                {
                    Report(context, invocation, "Setting the AppContext switch '" + DisableIPv6Setting.SwitchName + "' to true", ThisProcess);
                }

                return;
            }

            var isEnvironment = environment is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, environment);
            if (isEnvironment && method.Name != "SetEnvironmentVariable")
            {
                return;
            }

            // Environment.SetEnvironmentVariable(name, value[, target]); a setter that takes the variable as a
            // (name, value) pair configures another process: ProcessStartInfo.Environment.Add, container builders'
            // WithEnvironment. Log calls and string formatting that mention the pair are not setters.
            if ((isEnvironment || IsSetterName(method.Name)) && TryFindVariablePair(arguments, out var valueText))
            {
                Report(context, invocation, "Setting " + DisableIPv6Setting.EnvironmentVariableName + "=" + valueText, isEnvironment ? ThisProcess : OtherProcess);
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context)
        {
            // new KeyValuePair<string, string>("DOTNET_SYSTEM_NET_DISABLEIPV6", "1") and the like.
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Arguments.Length >= 2 && TryFindVariablePair(creation.Arguments, out var valueText))
            {
                Report(context, creation, "Setting " + DisableIPv6Setting.EnvironmentVariableName + "=" + valueText, OtherProcess);
            }
        }

        private static void AnalyzeIndexerAssignment(OperationAnalysisContext context)
        {
            // startInfo.Environment["DOTNET_SYSTEM_NET_DISABLEIPV6"] = "1"; dictionary initializers [..] = "1".
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                || !DisableIPv6Setting.IsEnvironmentVariableName(ConstantString(indexer.Arguments[0].Value))
                || ConstantString(assignment.Value) is not { } valueText
                || !DisableIPv6Setting.IsOnEnvironmentValue(valueText))
            {
                return;
            }

            Report(context, assignment, "Setting " + DisableIPv6Setting.EnvironmentVariableName + "=" + valueText, OtherProcess);
        }

        private static bool IsSetterName(string name)
            => name is "Add" or "TryAdd" or "AddOrUpdate" or "Append" or "Put" or "Insert"
                || name.StartsWith("Set", System.StringComparison.Ordinal) || name.StartsWith("With", System.StringComparison.Ordinal);

        /// <summary>Adjacent (name, value) string arguments naming the variable with a value that switches IPv6 off.</summary>
        private static bool TryFindVariablePair(ImmutableArray<IArgumentOperation> arguments, out string valueText)
        {
            valueText = string.Empty;

            // Cheap first: only a constant string argument equal to the name continues.
            for (var i = 0; i + 1 < arguments.Length; i++)
            {
                if (!DisableIPv6Setting.IsEnvironmentVariableName(ConstantString(arguments[i].Value)))
                {
                    continue;
                }

                // Arguments are in parameter order; a named argument may be written elsewhere, which is fine.
                var value = ConstantString(arguments[i + 1].Value);
                if (value is not null && DisableIPv6Setting.IsOnEnvironmentValue(value))
                {
                    valueText = value;
                    return true;
                }
            }

            return false;
        }

        /// <summary>Inside a branch whose condition reads an IPv6 setting by name (<c>GetEnvironmentVariable("APP_NO_IPV6")</c>).</summary>
        private static bool IsOptIn(SyntaxNode node)
        {
            SyntaxNode child = node;
            for (var current = node.Parent; current is not null && current is not MemberDeclarationSyntax; child = current, current = current.Parent)
            {
                var condition = current switch
                {
                    IfStatementSyntax ifStatement when child != ifStatement.Condition => ifStatement.Condition,
                    ConditionalExpressionSyntax conditional when child != conditional.Condition => conditional.Condition,
                    _ => null,
                };
                if (condition is null)
                {
                    continue;
                }

                foreach (var token in condition.DescendantTokens())
                {
                    if ((token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.IdentifierToken))
                        && token.ValueText.IndexOf("ipv6", System.StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static IOperation? Argument(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static string? ConstantString(IOperation? operation)
            => OperationHelpers.ConstantString(OperationHelpers.SkipConversions(operation));

        private static void Report(OperationAnalysisContext context, IOperation operation, string what, string scope)
        {
            // A switch behind a condition on IPv6 (an opt-in such as `if (options.DisableIPv6)`) is a choice left to
            // the operator, not a hard-coded outage.
            if (FamilyGuards.IsGuarded(operation.Syntax) || IsOptIn(operation.Syntax))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(), what, scope));
        }
    }
}
