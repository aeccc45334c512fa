using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using DualStackAnalyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// DS0015: input validation that accepts only IPv4 — <c>IPAddress.TryParse(s, out a) &amp;&amp; a.AddressFamily ==
    /// InterNetwork</c> used as the validity answer, and dotted-quad regular expressions applied to IP or host input.
    /// A pod, node or client address in an IPv6-only cluster fails them.
    /// </summary>
    public sealed class ValidationRejectsIPv6Analyzer : DiagnosticAnalyzer
    {
        internal const string FamilyCheck = "accepts only IPv4 as a valid address";
        internal const string DottedQuad = "matches dotted-quad IPv4 text only";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.ValidationRejectsIPv6,
            RuleCategories.AddressFamily,
            "Input validation rejects IPv6 addresses",
            "'{0}' {1}, so IPv6 input such as 'fd00::1' is rejected; validate with IPAddress.TryParse, which accepts both families",
            DiagnosticSeverity.Warning,
            "In a dual-stack or IPv6-only cluster, pod, node, service and client addresses are IPv6. A check that parses an address and then requires AddressFamily.InterNetwork, or a dotted-quad regular expression, rejects them as invalid input. IPAddress.TryParse alone accepts IPv4 and IPv6 (and IPEndPoint.TryParse / Uri.CheckHostName cover endpoints and host names).");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var facts = CompilationFacts.TryCreate(start.Compilation, start.Options);
                var addressFamily = facts?.Symbols.AddressFamily;
                var familyProperty = facts?.Symbols.IPAddressAddressFamily;
                if (facts is not null && addressFamily is not null && familyProperty is not null)
                {
                    var symbols = facts.Symbols;
                    start.RegisterOperationAction(c => AnalyzeFamilyComparison(c, symbols, addressFamily, familyProperty), OperationKind.Binary);
                    start.RegisterOperationAction(c => AnalyzeFamilyPattern(c, symbols, addressFamily, familyProperty), OperationKind.IsPattern);
                }

                var regex = facts?.Symbols.Regex;
                if (regex is not null)
                {
                    var generatedRegex = facts!.Symbols.GeneratedRegexAttribute;
                    start.RegisterNamedOperationAction(c => AnalyzeRegexMatch(c, regex, generatedRegex), OperationKind.Invocation, name => name is "IsMatch" or "Match");
                }

                var regularExpressionAttribute = facts?.Symbols.RegularExpressionAttribute;
                if (regularExpressionAttribute is not null)
                {
                    start.RegisterSyntaxNodeAction(c => AnalyzeAttribute(c, regularExpressionAttribute), SyntaxKind.Attribute);
                }
            });
        }

        // ---- TryParse + InterNetwork ----------------------------------------------------------------------------

        private static void AnalyzeFamilyComparison(OperationAnalysisContext context, NetSymbols symbols, INamedTypeSymbol addressFamily, IPropertySymbol familyProperty)
        {
            var comparison = (IBinaryOperation)context.Operation;
            if (comparison.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
            {
                return;
            }

            var left = OperationHelpers.SkipConversions(comparison.LeftOperand);
            var right = OperationHelpers.SkipConversions(comparison.RightOperand);
            if (!SymbolEqualityComparer.Default.Equals(left?.Type, addressFamily) || !SymbolEqualityComparer.Default.Equals(right?.Type, addressFamily))
            {
                return;
            }

            var (property, constant) = left is IPropertyReferenceOperation ? (left, right) : (right, left);
            if (property is not IPropertyReferenceOperation { Instance: { } address } reference
                || !SymbolEqualityComparer.Default.Equals(reference.Property, familyProperty)
                || FamilyOf(constant) is not { } family)
            {
                return;
            }

            // "== InterNetwork" and "!= InterNetworkV6" are true for IPv4 only.
            var trueMeansIPv4 = (family == KnownFamily.IPv4) == (comparison.OperatorKind == BinaryOperatorKind.Equals);
            AnalyzeFamilyCheck(context, comparison, address, trueMeansIPv4, symbols);
        }

        private static void AnalyzeFamilyPattern(OperationAnalysisContext context, NetSymbols symbols, INamedTypeSymbol addressFamily, IPropertySymbol familyProperty)
        {
            var isPattern = (IIsPatternOperation)context.Operation;
            var value = OperationHelpers.SkipConversions(isPattern.Value);
            IOperation? address;
            IPatternOperation? pattern;
            if (value is IPropertyReferenceOperation { Instance: { } instance } reference && SymbolEqualityComparer.Default.Equals(reference.Property, familyProperty))
            {
                // a.AddressFamily is AddressFamily.InterNetwork / is not …
                address = instance;
                pattern = isPattern.Pattern;
            }
            else if (isPattern.Pattern is IRecursivePatternOperation { PropertySubpatterns.Length: 1 } recursive
                && recursive.PropertySubpatterns[0] is { Member: IPropertyReferenceOperation member } subpattern
                && SymbolEqualityComparer.Default.Equals(member.Property, familyProperty))
            {
                // a is { AddressFamily: AddressFamily.InterNetwork }
                address = value;
                pattern = subpattern.Pattern;
            }
            else
            {
                return;
            }

            var negated = false;
            while (pattern is INegatedPatternOperation not)
            {
                negated = !negated;
                pattern = not.Pattern;
            }

            if (address is null || pattern is not IConstantPatternOperation constantPattern
                || !SymbolEqualityComparer.Default.Equals(OperationHelpers.SkipConversions(constantPattern.Value)?.Type, addressFamily)
                || FamilyOf(constantPattern.Value) is not { } family)
            {
                return;
            }

            AnalyzeFamilyCheck(context, isPattern, address, (family == KnownFamily.IPv4) != negated, symbols);
        }

        private static KnownFamily? FamilyOf(IOperation? constant)
            => OperationHelpers.SkipConversions(constant) is IFieldReferenceOperation { Field.Name: var name }
                ? name switch { "InterNetwork" => KnownFamily.IPv4, "InterNetworkV6" => KnownFamily.IPv6, _ => null }
                : null;

        private static void AnalyzeFamilyCheck(OperationAnalysisContext context, IOperation check, IOperation address, bool trueMeansIPv4, NetSymbols symbols)
        {
            // The address must be text just parsed here: IPAddress.TryParse(s, out a) or IPAddress.Parse(s).
            address = OperationHelpers.SkipConversions(address)!;
            ILocalSymbol? local = null;
            IInvocationOperation? parse;
            if (address is ILocalReferenceOperation localReference)
            {
                local = localReference.Local;
                parse = ParseOf(localReference, symbols);
            }
            else
            {
                parse = address is IInvocationOperation direct && IsParse(direct, symbols) ? direct : null;
            }

            if (parse is null || IsConstantInput(parse) || !Decides(check, trueMeansIPv4, local, out _))
            {
                return;
            }

            if (IsExplicitlyIPv4(context.ContainingSymbol, parse) || FamilyGuards.IsGuarded(check.Syntax))
            {
                return;
            }

            var additional = parse.Syntax.SyntaxTree == check.Syntax.SyntaxTree && !SameStatement(parse.Syntax, check.Syntax)
                ? ImmutableArray.Create(parse.Syntax.GetLocation())
                : ImmutableArray<Location>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Rule, check.Syntax.GetLocation(), additional, Display(check.Syntax), FamilyCheck));
        }

        /// <summary>The IPAddress.TryParse whose out argument writes the local, or the IPAddress.Parse it is assigned from.</summary>
        private static IInvocationOperation? ParseOf(ILocalReferenceOperation reference, NetSymbols symbols)
        {
            IInvocationOperation? found = null;
            foreach (var node in OperationHelpers.Root(reference).Descendants())
            {
                if (node is IInvocationOperation invocation && IsParse(invocation, symbols))
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        var value = OperationHelpers.SkipConversions(argument.Value);
                        if (value is IDeclarationExpressionOperation declaration)
                        {
                            value = declaration.Expression;
                        }

                        if (argument.Parameter?.RefKind == RefKind.Out && value is ILocalReferenceOperation written
                            && SymbolEqualityComparer.Default.Equals(written.Local, reference.Local))
                        {
                            found = invocation;
                        }
                    }
                }
            }

            if (found is not null)
            {
                return found;
            }

            var writes = OperationHelpers.LocalWrites(reference);
            if (!writes.IsDefaultOrEmpty && writes.Length == 1 && OperationHelpers.SkipConversions(writes[0]) is IInvocationOperation parse && IsParse(parse, symbols))
            {
                return parse;
            }

            return null;
        }

        private static bool IsParse(IInvocationOperation invocation, NetSymbols symbols)
            => invocation.TargetMethod.Name is "TryParse" or "Parse"
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.IPAddress);

        private static bool IsConstantInput(IInvocationOperation parse)
            => parse.Arguments.Length > 0 && OperationHelpers.SkipConversions(parse.Arguments[0].Value)?.ConstantValue.HasValue == true;

        // ---- Regular expressions --------------------------------------------------------------------------------

        private static void AnalyzeRegexMatch(OperationAnalysisContext context, INamedTypeSymbol regex, INamedTypeSymbol? generatedRegex)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name is not ("IsMatch" or "Match") || !SymbolEqualityComparer.Default.Equals(method.ContainingType, regex))
            {
                return;
            }

            IOperation? input = null;
            IOperation? patternArgument = null;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "input":
                        input = argument.Value;
                        break;
                    case "pattern":
                        patternArgument = argument.Value;
                        break;
                }
            }

            var (pattern, patternSyntax) = method.IsStatic
                ? (OperationHelpers.SkipConversions(patternArgument)?.ConstantValue is { HasValue: true, Value: string text } ? text : null, patternArgument?.Syntax)
                : ResolvePattern(invocation.Instance, generatedRegex, 0);
            if (input is null || !DottedQuadPattern.IsIPv4Only(pattern))
            {
                return;
            }

            // Match(...).Success is the answer; a Match kept for its groups is extraction, not validation.
            IOperation check = invocation;
            if (method.Name == "Match")
            {
                if (invocation.Parent is not IPropertyReferenceOperation { Property.Name: "Success" } success)
                {
                    return;
                }

                check = success;
            }

            if (!IsIPOrHostInput(input, context.ContainingSymbol) || !Decides(check, trueMeansIPv4: true, null, out _)
                || KnownAddressFamily.FromName(NameOf(input) ?? string.Empty) == KnownFamily.IPv4
                || IsExplicitlyIPv4(context.ContainingSymbol, null) || FamilyGuards.IsGuarded(check.Syntax))
            {
                return;
            }

            var additional = patternSyntax is not null && patternSyntax.SyntaxTree == check.Syntax.SyntaxTree && !invocation.Syntax.Span.Contains(patternSyntax.Span)
                ? ImmutableArray.Create(patternSyntax.GetLocation())
                : patternSyntax is not null && patternSyntax.SyntaxTree != check.Syntax.SyntaxTree
                    ? ImmutableArray.Create(patternSyntax.GetLocation())
                    : ImmutableArray<Location>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), additional, Display(invocation.Syntax), DottedQuad));
        }

        /// <summary>The pattern of a Regex instance: new Regex("…") through locals, fields and properties, or [GeneratedRegex("…")].</summary>
        private static (string? Pattern, SyntaxNode? Syntax) ResolvePattern(IOperation? receiver, INamedTypeSymbol? generatedRegex, int depth)
        {
            receiver = OperationHelpers.SkipConversions(receiver);
            if (receiver is null || depth > 3)
            {
                return (null, null);
            }

            switch (receiver)
            {
                case IObjectCreationOperation creation when creation.Arguments.Length >= 1:
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.Parameter?.Name == "pattern" && OperationHelpers.SkipConversions(argument.Value)?.ConstantValue is { HasValue: true, Value: string text })
                        {
                            return (text, argument.Value.Syntax);
                        }
                    }

                    return (null, null);
                case ILocalReferenceOperation local:
                    var writes = OperationHelpers.LocalWrites(local);
                    return !writes.IsDefaultOrEmpty && writes.Length == 1 ? ResolvePattern(writes[0], generatedRegex, depth + 1) : (null, null);
                case IFieldReferenceOperation field:
                    return FromInitializer(field.Field, receiver.SemanticModel, generatedRegex, depth);
                case IPropertyReferenceOperation property:
                    return FromAttribute(property.Property, generatedRegex) is { Pattern: not null } fromAttribute
                        ? fromAttribute
                        : FromInitializer(property.Property, receiver.SemanticModel, generatedRegex, depth);
                case IInvocationOperation invocation:
                    return FromAttribute(invocation.TargetMethod, generatedRegex);
                default:
                    return (null, null);
            }
        }

        private static (string? Pattern, SyntaxNode? Syntax) FromInitializer(ISymbol member, SemanticModel? model, INamedTypeSymbol? generatedRegex, int depth)
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var value = reference.GetSyntax() switch
                {
                    VariableDeclaratorSyntax { Initializer.Value: { } v } => v,
                    PropertyDeclarationSyntax { Initializer.Value: { } v } => v,
                    PropertyDeclarationSyntax { ExpressionBody.Expression: { } v } => v,
                    _ => null,
                };
                if (value is not null && model is not null && value.SyntaxTree == model.SyntaxTree)
                {
                    return ResolvePattern(model.GetOperation(value), generatedRegex, depth + 1);
                }
            }

            return (null, null);
        }

        private static (string? Pattern, SyntaxNode? Syntax) FromAttribute(ISymbol member, INamedTypeSymbol? generatedRegex)
        {
            if (generatedRegex is null)
            {
                return (null, null);
            }

            foreach (var attribute in member.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, generatedRegex)
                    && attribute.ConstructorArguments.Length >= 1 && attribute.ConstructorArguments[0].Value is string text)
                {
                    var syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
                    return (text, syntax?.ArgumentList?.Arguments.Count > 0 ? syntax.ArgumentList.Arguments[0] : syntax);
                }
            }

            return (null, null);
        }

        /// <summary>
        /// The text is an IP address or host: the name of the value (ipAddress, host, serverAddress, request.Host),
        /// or of the method or type that validates it (IsValidIp(string value), HostValidator).
        /// </summary>
        private static bool IsIPOrHostInput(IOperation input, ISymbol containingSymbol)
        {
            if (NameHints.IsIPOrHost(NameOf(input)))
            {
                return true;
            }

            var member = containingSymbol is IMethodSymbol { AssociatedSymbol: { } associated } ? associated : containingSymbol;
            return NameHints.IsIPOrHost(member.Name) || NameHints.IsIPOrHost(member.ContainingType?.Name);
        }

        private static string? NameOf(IOperation value)
        {
            value = OperationHelpers.SkipConversions(value)!;
            return value switch
            {
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                IInvocationOperation { TargetMethod.Name: "ToString" or "Trim", Instance: { } instance } => NameOf(instance),
                IInvocationOperation invocation => invocation.TargetMethod.Name,
                _ => null,
            };
        }

        // ---- [RegularExpression] -------------------------------------------------------------------------------

        private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, INamedTypeSymbol regularExpressionAttribute)
        {
            var attribute = (AttributeSyntax)context.Node;

            // Cheap first: the written name, then the pattern text, then the symbol.
            var name = attribute.Name switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                _ => string.Empty,
            };
            if (name.IndexOf("RegularExpression", StringComparison.Ordinal) < 0 || attribute.ArgumentList is not { Arguments.Count: > 0 } arguments)
            {
                return;
            }

            var patternArgument = arguments.Arguments[0];
            if (context.SemanticModel.GetConstantValue(patternArgument.Expression, context.CancellationToken) is not { HasValue: true, Value: string pattern }
                || !DottedQuadPattern.IsIPv4Only(pattern))
            {
                return;
            }

            if (context.SemanticModel.GetTypeInfo(attribute, context.CancellationToken).Type is not INamedTypeSymbol type || !DerivesFrom(type, regularExpressionAttribute))
            {
                return;
            }

            var target = attribute.Parent?.Parent switch
            {
                PropertyDeclarationSyntax property => property.Identifier.ValueText,
                FieldDeclarationSyntax { Declaration.Variables.Count: > 0 } field => field.Declaration.Variables[0].Identifier.ValueText,
                ParameterSyntax parameter => parameter.Identifier.ValueText,
                _ => null,
            };
            if (target is null || !NameHints.IsIPOrHost(target) || KnownAddressFamily.FromName(target) == KnownFamily.IPv4)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, patternArgument.GetLocation(), Display(patternArgument), DottedQuad));
        }

        private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol baseType)
        {
            for (; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        // ---- Is the check the validity answer? -----------------------------------------------------------------

        /// <summary>
        /// Does the check decide validity so that IPv6 is rejected? The boolean expression around it (through !, &amp;&amp;
        /// and ||) is returned from a bool function, or branches to a rejection (throw, return false/null, an error
        /// result) for IPv6 input. Conditions that route IPv6 elsewhere (a host-name path) are not validation.
        /// With <paramref name="address"/>, the expression must not inspect the parsed address for anything else
        /// (a private-range or loopback test is a question about the address, not a validity check).
        /// </summary>
        private static bool Decides(IOperation check, bool trueMeansIPv4, ILocalSymbol? address, out IOperation decision)
        {
            // "Necessary": the expression is true only if the check is (it is a conjunct).
            // "Sufficient": the check being true makes the expression true (it is a disjunct).
            var necessary = true;
            var sufficient = true;
            var meansIPv4 = trueMeansIPv4;
            var current = check;
            var otherDisjunctsRejectIPv6 = true;
            while (current.Parent is { } parent)
            {
                if (parent is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not })
                {
                    meansIPv4 = !meansIPv4;
                    (necessary, sufficient) = (sufficient, necessary);
                }
                else if (parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd })
                {
                    sufficient = false;
                }
                else if (parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or2)
                {
                    necessary = false;
                    var other = or2.LeftOperand == current ? or2.RightOperand : or2.LeftOperand;
                    otherDisjunctsRejectIPv6 &= IsHostNamePatternMatch(other);
                }
                else if (parent is not IConversionOperation { IsImplicit: true })
                {
                    break;
                }

                if (!necessary && !sufficient)
                {
                    decision = current;
                    return false;
                }

                current = parent;
            }

            decision = current;
            if (address is not null && InspectsAddressElsewhere(current, check, address))
            {
                return false;
            }

            // true ⇒ IPv4: a valid-only-if-IPv4 answer. A host validator "ipv4 || hostName" is one too, when the
            // other alternatives are patterns without ':'.
            var validOnlyIfIPv4 = meansIPv4 && (necessary || (sufficient && otherDisjunctsRejectIPv6 && !ReferenceEquals(current, check)));

            // true for every non-IPv4 value ("!TryParse || family != InterNetwork"), or only for IPv6 ("== InterNetworkV6").
            var trueForIPv6 = !meansIPv4 && (sufficient || necessary);

            switch (current.Parent)
            {
                case IReturnOperation:
                    // bool IsValidIp(s) => TryParse && InterNetwork;  bool IsInvalid(s) => !TryParse || != InterNetwork.
                    return validOnlyIfIPv4 || (!meansIPv4 && sufficient);
                case IConditionalOperation conditional when conditional.Condition == current:
                    if (validOnlyIfIPv4)
                    {
                        return conditional.WhenFalse is { } whenFalse ? Rejects(whenFalse) : AlwaysExits(conditional.WhenTrue) && Rejects(NextStatement(conditional));
                    }

                    return trueForIPv6 && Rejects(conditional.WhenTrue);
                default:
                    return false;
            }
        }

        /// <summary>Another alternative of a host validator that cannot match IPv6 text: a regex without ':'.</summary>
        private static bool IsHostNamePatternMatch(IOperation other)
        {
            other = OperationHelpers.SkipConversions(other)!;
            if (other is IInvocationOperation { TargetMethod.Name: "IsMatch" } match)
            {
                foreach (var argument in match.Arguments)
                {
                    if (argument.Parameter?.Name == "pattern" && OperationHelpers.SkipConversions(argument.Value)?.ConstantValue is { HasValue: true, Value: string pattern })
                    {
                        return pattern.IndexOf(':') < 0;
                    }
                }

                return match.Instance is not null && ResolvePattern(match.Instance, null, 0).Pattern is { } instancePattern && instancePattern.IndexOf(':') < 0;
            }

            return false;
        }

        private static bool InspectsAddressElsewhere(IOperation decision, IOperation check, ILocalSymbol address)
        {
            foreach (var node in decision.DescendantsAndSelf())
            {
                if (node is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, address)
                    && !check.Syntax.Span.Contains(reference.Syntax.Span) && !IsOutArgument(reference))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsOutArgument(IOperation reference)
        {
            var parent = reference.Parent;
            if (parent is IDeclarationExpressionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parameter.RefKind: RefKind.Out };
        }

        private static bool AlwaysExits(IOperation? operation)
            => operation switch
            {
                IBlockOperation block => block.Operations.Length > 0 && AlwaysExits(block.Operations[block.Operations.Length - 1]),
                IReturnOperation => true,
                IExpressionStatementOperation { Operation: IThrowOperation } => true,
                IThrowOperation => true,
                _ => false,
            };

        private static IOperation? NextStatement(IOperation statement)
        {
            if (statement.Parent is IBlockOperation block)
            {
                var index = block.Operations.IndexOf(statement);
                return index >= 0 && index + 1 < block.Operations.Length ? block.Operations[index + 1] : null;
            }

            return null;
        }

        /// <summary>A path that rejects the input: throws, returns false/null/default or an error value, records an error.</summary>
        private static bool Rejects(IOperation? operation)
        {
            switch (operation)
            {
                case null:
                    return false;
                case IBlockOperation block:
                    foreach (var statement in block.Operations)
                    {
                        if (statement is IExpressionStatementOperation { Operation: IThrowOperation }
                            || (statement is IExpressionStatementOperation { Operation: IInvocationOperation call } && IsErrorName(call.TargetMethod.Name)))
                        {
                            return true;
                        }
                    }

                    return block.Operations.Length > 0 && Rejects(block.Operations[block.Operations.Length - 1]);
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                case IThrowOperation:
                    return true;
                case IExpressionStatementOperation { Operation: IInvocationOperation call }:
                    return IsErrorName(call.TargetMethod.Name);
                case IReturnOperation { ReturnedValue: { } value }:
                    return IsErrorValue(value);
                default:
                    return IsErrorValue(operation);
            }
        }

        private static bool IsErrorValue(IOperation value)
        {
            value = OperationHelpers.SkipConversions(value)!;
            switch (value)
            {
                case IThrowOperation:
                case IDefaultValueOperation:
                    return true;
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: null or false } }:
                    return true;
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: string message } }:
                    return IsErrorName(message);
                case IObjectCreationOperation creation:
                    return creation.Type is not null && IsErrorName(creation.Type.Name);
                case IInvocationOperation invocation:
                    return IsErrorName(invocation.TargetMethod.Name);
                default:
                    return false;
            }
        }

        private static bool IsErrorName(string name)
        {
            foreach (var word in new[] { "invalid", "error", "fail", "badrequest", "problem", "validationresult", "reject", "unprocessable" })
            {
                if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        // ---- Shared --------------------------------------------------------------------------------------------

        /// <summary>A validator whose name says IPv4 (IsValidIPv4, ParseIpv4) has IPv4 as its contract; so does parsing a value named so.</summary>
        private static bool IsExplicitlyIPv4(ISymbol containingSymbol, IInvocationOperation? parse)
        {
            for (ISymbol? symbol = containingSymbol; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
            {
                var name = symbol is IMethodSymbol { AssociatedSymbol: { } associated } ? associated.Name : symbol.Name;
                if (KnownAddressFamily.FromName(name) == KnownFamily.IPv4)
                {
                    return true;
                }

                if (symbol is INamedTypeSymbol)
                {
                    break;
                }
            }

            return parse is { Arguments.Length: > 0 } && KnownAddressFamily.FromName(NameOf(parse.Arguments[0].Value) ?? string.Empty) == KnownFamily.IPv4;
        }

        private static bool SameStatement(SyntaxNode a, SyntaxNode b)
            => a.FirstAncestorOrSelf<StatementSyntax>() == b.FirstAncestorOrSelf<StatementSyntax>();

        private static string Display(SyntaxNode syntax)
        {
            var text = syntax.ToString();
            var newline = text.IndexOfAny(new[] { '\r', '\n' });
            if (newline >= 0)
            {
                text = text.Substring(0, newline).TrimEnd() + " …";
            }

            return text.Length > 80 ? text.Substring(0, 77) + "…" : text;
        }
    }
}
