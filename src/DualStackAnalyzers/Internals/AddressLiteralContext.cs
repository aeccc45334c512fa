using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackAnalyzers.Internals
{
    /// <summary>
    /// Where a dotted-quad literal sits, read from syntax only after the text held an address (the rare path):
    /// the names the value is given to (versions, OIDs), assembly attributes, and IPv6 siblings / twins (rules.md DS0020,
    /// Must not flag).
    /// </summary>
    internal static class AddressLiteralContext
    {
        private const int MaxNames = 8;

        /// <summary>
        /// The names the value is given to or compared with: the variable, field, property, parameter (named argument),
        /// assigned member, dictionary key, anonymous member, the member that returns it, the method, type and
        /// attribute it is passed to, the operand it is compared with.
        /// </summary>
        public static List<string> TargetNames(SyntaxNode literal, SemanticModel? model)
        {
            var names = new List<string>();
            SyntaxNode child = literal;
            for (var node = literal.Parent; node is not null && names.Count < MaxNames; child = node, node = node.Parent)
            {
                switch (node)
                {
                    case ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax or InterpolationSyntax
                        or InterpolatedStringExpressionSyntax or CheckedExpressionSyntax:
                        continue;
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                        AddName(names, binary.Left == child ? binary.Right : binary.Left);
                        return names;
                    case BinaryExpressionSyntax:
                        continue; // "1.2." + "3.4", a ?? "1.2.3.4"
                    case ConditionalExpressionSyntax conditional when child != conditional.Condition:
                        continue;
                    case SwitchExpressionArmSyntax arm when child == arm.Expression:
                        continue;
                    case SwitchExpressionSyntax switchExpression:
                        AddName(names, switchExpression.GoverningExpression);
                        continue;
                    case ConstantPatternSyntax or IsPatternExpressionSyntax:
                        if (node is IsPatternExpressionSyntax isPattern)
                        {
                            AddName(names, isPattern.Expression);
                            return names;
                        }

                        continue;
                    case CaseSwitchLabelSyntax or SwitchLabelSyntax or SwitchSectionSyntax:
                        continue;
                    case SwitchStatementSyntax switchStatement:
                        AddName(names, switchStatement.Expression);
                        return names;
                    case EqualsValueClauseSyntax:
                        continue;
                    case VariableDeclaratorSyntax declarator:
                        names.Add(declarator.Identifier.ValueText);
                        return names;
                    case PropertyDeclarationSyntax property:
                        names.Add(property.Identifier.ValueText);
                        return names;
                    case ParameterSyntax parameter:
                        names.Add(parameter.Identifier.ValueText);
                        return names;
                    case EnumMemberDeclarationSyntax enumMember:
                        names.Add(enumMember.Identifier.ValueText);
                        return names;
                    case AssignmentExpressionSyntax assignment when child == assignment.Right:
                        AddName(names, assignment.Left);
                        return names;
                    case AnonymousObjectMemberDeclaratorSyntax member:
                        if (member.NameEquals is not null)
                        {
                            names.Add(member.NameEquals.Name.Identifier.ValueText);
                        }

                        return names;
                    case ArgumentSyntax argument:
                        AddArgumentNames(names, argument, model);
                        continue; // a method that builds the value (Version.Parse(...)) is named too; go on to its target
                    case ArgumentListSyntax or BracketedArgumentListSyntax:
                        continue;
                    case InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax:
                        continue;
                    case AttributeArgumentSyntax attributeArgument:
                        if (attributeArgument.NameEquals is not null)
                        {
                            names.Add(attributeArgument.NameEquals.Name.Identifier.ValueText);
                        }
                        else if (attributeArgument.NameColon is not null)
                        {
                            names.Add(attributeArgument.NameColon.Name.Identifier.ValueText);
                        }

                        continue;
                    case AttributeArgumentListSyntax:
                        continue;
                    case AttributeSyntax attribute:
                        names.Add(RightmostName(attribute.Name));
                        return names;
                    case InitializerExpressionSyntax initializer:
                        // { "version", "1.2.3.4" } in a dictionary initializer: the key names the value.
                        if (initializer.IsKind(SyntaxKind.ComplexElementInitializerExpression) && initializer.Expressions.Count == 2 && initializer.Expressions[1] == child)
                        {
                            AddName(names, initializer.Expressions[0]);
                            return names;
                        }

                        continue;
                    case CollectionExpressionSyntax or ExpressionElementSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax:
                        continue;
                    case ArrowExpressionClauseSyntax or ReturnStatementSyntax or YieldStatementSyntax:
                        AddMemberName(names, node);
                        return names;
                    default:
                        return names;
                }
            }

            return names;
        }

        private static void AddArgumentNames(List<string> names, ArgumentSyntax argument, SemanticModel? model)
        {
            if (argument.NameColon is not null)
            {
                names.Add(argument.NameColon.Name.Identifier.ValueText);
            }

            var call = argument.Parent?.Parent;
            switch (call)
            {
                case InvocationExpressionSyntax invocation:
                    // Version.Parse("1.2.3.4"): the method and the type it belongs to.
                    if (invocation.Expression is MemberAccessExpressionSyntax access)
                    {
                        names.Add(access.Name.Identifier.ValueText);
                        AddName(names, access.Expression);
                    }
                    else
                    {
                        AddName(names, invocation.Expression);
                    }

                    break;
                case ObjectCreationExpressionSyntax creation:
                    names.Add(RightmostName(creation.Type));
                    break;
                case ElementAccessExpressionSyntax elementAccess:
                    AddName(names, elementAccess.Expression);
                    break;
            }

            if (argument.NameColon is null && model is not null && call is not null)
            {
                var symbol = model.GetSymbolInfo(call).Symbol as IMethodSymbol;
                var list = argument.Parent as BaseArgumentListSyntax;
                var index = list?.Arguments.IndexOf(argument) ?? -1;
                if (symbol is not null && index >= 0)
                {
                    var parameters = symbol.Parameters;
                    if (index < parameters.Length)
                    {
                        names.Add(parameters[index].Name);
                    }
                    else if (parameters.Length > 0 && parameters[parameters.Length - 1].IsParams)
                    {
                        names.Add(parameters[parameters.Length - 1].Name);
                    }

                    if (call is ImplicitObjectCreationExpressionSyntax)
                    {
                        names.Add(symbol.ContainingType.Name);
                    }
                }
            }
        }

        private static void AddMemberName(List<string> names, SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case MethodDeclarationSyntax method:
                        names.Add(method.Identifier.ValueText);
                        return;
                    case PropertyDeclarationSyntax property:
                        names.Add(property.Identifier.ValueText);
                        return;
                    case LocalFunctionStatementSyntax localFunction:
                        names.Add(localFunction.Identifier.ValueText);
                        return;
                    case AnonymousFunctionExpressionSyntax or BaseTypeDeclarationSyntax:
                        return;
                }
            }
        }

        private static void AddName(List<string> names, SyntaxNode expression)
        {
            switch (expression)
            {
                case IdentifierNameSyntax identifier:
                    names.Add(identifier.Identifier.ValueText);
                    break;
                case GenericNameSyntax generic:
                    names.Add(generic.Identifier.ValueText);
                    break;
                case MemberAccessExpressionSyntax access:
                    names.Add(access.Name.Identifier.ValueText);
                    AddName(names, access.Expression);
                    break;
                case ElementAccessExpressionSyntax elementAccess:
                    // settings["Version"] = ...: the key names the value; versions[0] = ...: the collection does
                    foreach (var argument in elementAccess.ArgumentList.Arguments)
                    {
                        if (argument.Expression is LiteralExpressionSyntax { Token.Value: string key })
                        {
                            names.Add(key);
                        }
                    }

                    AddName(names, elementAccess.Expression);
                    break;
                case ImplicitElementAccessSyntax implicitAccess:
                    foreach (var argument in implicitAccess.ArgumentList.Arguments)
                    {
                        if (argument.Expression is LiteralExpressionSyntax { Token.Value: string key })
                        {
                            names.Add(key);
                        }
                    }

                    break;
                case LiteralExpressionSyntax { Token.Value: string text } when text.Length <= 64:
                    names.Add(text);
                    break;
                case InvocationExpressionSyntax invocation:
                    AddName(names, invocation.Expression);
                    break;
                case ConditionalAccessExpressionSyntax conditionalAccess:
                    AddName(names, conditionalAccess.WhenNotNull);
                    break;
                case MemberBindingExpressionSyntax binding:
                    names.Add(binding.Name.Identifier.ValueText);
                    break;
                case QualifiedNameSyntax qualified:
                    names.Add(qualified.Right.Identifier.ValueText);
                    break;
            }
        }

        private static string RightmostName(TypeSyntax type)
            => type switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => type.ToString(),
            };

        private static string RightmostName(NameSyntax name) => RightmostName((TypeSyntax)name);

        /// <summary>A version: a name that contains "version".</summary>
        public static bool IsVersionName(string name) => name.IndexOf("version", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>An OID: a name with the word "oid" (<c>oid</c>, <c>CountryOid</c>, <c>OID_CN</c>, <c>country_oid</c>) or ObjectIdentifier.</summary>
        public static bool IsOidName(string name)
        {
            if (name.IndexOf("ObjectIdentifier", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            for (var i = name.IndexOf("oid", StringComparison.OrdinalIgnoreCase); i >= 0; i = name.IndexOf("oid", i + 1, StringComparison.OrdinalIgnoreCase))
            {
                // A word of its own: not "Android", "avoid", "void".
                var startsWord = i == 0 || name[i - 1] == '_' || name[i - 1] == '.' || char.IsDigit(name[i - 1])
                    || (char.IsUpper(name[i]) && !char.IsUpper(name[i - 1])) || (char.IsUpper(name[i]) && char.IsUpper(name[i - 1]) && IsUpperRun(name, i));
                var endIndex = i + 3;
                if (endIndex < name.Length && (name[endIndex] == 's' || name[endIndex] == 'S'))
                {
                    endIndex++;
                }

                var endsWord = endIndex >= name.Length || !char.IsLower(name[endIndex]) || name[endIndex - 1] == 's';
                if (startsWord && endsWord)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"CN_OID": the OID is part of an upper-case run that starts a word after '_' or at the start.</summary>
        private static bool IsUpperRun(string name, int index)
        {
            var i = index - 1;
            while (i >= 0 && char.IsUpper(name[i]))
            {
                i--;
            }

            return i < 0 || name[i] == '_';
        }

        /// <summary>Inside an attribute that targets the assembly or module (<c>[assembly: AssemblyFileVersion(...)]</c>).</summary>
        public static bool IsInAssemblyAttribute(SyntaxNode literal)
        {
            var list = literal.FirstAncestorOrSelf<AttributeListSyntax>();
            return list?.Target is { } target
                && (target.Identifier.IsKind(SyntaxKind.AssemblyKeyword) || target.Identifier.IsKind(SyntaxKind.ModuleKeyword));
        }

        /// <summary>
        /// An IPv6 address in the same literal, or in another element of an enclosing initializer, collection, argument
        /// list, tuple, conditional or switch expression within the same statement or member initializer.
        /// </summary>
        public static bool HasIPv6Sibling(SyntaxNode literal, string text)
        {
            if (IPv4Text.ContainsIPv6Address(text))
            {
                return true;
            }

            SyntaxNode child = literal;
            for (var node = literal.Parent; node is not null; child = node, node = node.Parent)
            {
                switch (node)
                {
                    case StatementSyntax or MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax:
                        return false;
                    case InitializerExpressionSyntax initializer:
                        if (AnyOtherHasIPv6(initializer.Expressions, child))
                        {
                            return true;
                        }

                        break;
                    case CollectionExpressionSyntax collection:
                        foreach (var element in collection.Elements)
                        {
                            if (element != child && ContainsIPv6(element))
                            {
                                return true;
                            }
                        }

                        break;
                    case BaseArgumentListSyntax arguments:
                        foreach (var argument in arguments.Arguments)
                        {
                            if (argument != child && ContainsIPv6(argument))
                            {
                                return true;
                            }
                        }

                        break;
                    case TupleExpressionSyntax tuple:
                        foreach (var argument in tuple.Arguments)
                        {
                            if (argument != child && ContainsIPv6(argument))
                            {
                                return true;
                            }
                        }

                        break;
                    case AnonymousObjectCreationExpressionSyntax anonymous:
                        foreach (var member in anonymous.Initializers)
                        {
                            if (member != child && ContainsIPv6(member))
                            {
                                return true;
                            }
                        }

                        break;
                    case ConditionalExpressionSyntax conditional when child != conditional.Condition:
                        if (ContainsIPv6(child == conditional.WhenTrue ? conditional.WhenFalse : conditional.WhenTrue))
                        {
                            return true;
                        }

                        break;
                    case SwitchExpressionSyntax switchExpression:
                        foreach (var arm in switchExpression.Arms)
                        {
                            if (arm != child && ContainsIPv6(arm.Expression))
                            {
                                return true;
                            }
                        }

                        break;
                }
            }

            return false;
        }

        private static bool AnyOtherHasIPv6(SeparatedSyntaxList<ExpressionSyntax> expressions, SyntaxNode child)
        {
            foreach (var expression in expressions)
            {
                if (expression != child && ContainsIPv6(expression))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Does the node hold an IPv6 string literal (or IPAddress.IPv6Loopback)?</summary>
        public static bool ContainsIPv6(SyntaxNode node)
        {
            foreach (var token in node.DescendantTokens())
            {
                switch (token.Kind())
                {
                    case SyntaxKind.StringLiteralToken:
                    case SyntaxKind.Utf8StringLiteralToken:
                    case SyntaxKind.SingleLineRawStringLiteralToken:
                    case SyntaxKind.MultiLineRawStringLiteralToken:
                    case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
                    case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                    case SyntaxKind.InterpolatedStringTextToken:
                        if (IPv4Text.ContainsIPv6Address(token.ValueText))
                        {
                            return true;
                        }

                        break;
                    case SyntaxKind.IdentifierToken when token.ValueText == "IPv6Loopback":
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The member or local that the literal initializes has a twin whose name differs only by a v4/v6 marker
        /// (<c>GooglePublicDns</c> / <c>GooglePublicDnsIPv6</c>, <c>DnsV4</c> / <c>DnsV6</c>) and holds an IPv6 literal.
        /// Only that one twin counts: an IPv6 literal elsewhere in the type silences nothing.
        /// </summary>
        public static bool HasIPv6Twin(SyntaxNode literal, CancellationToken cancellationToken = default)
        {
            var (name, scope) = DeclaredName(literal);
            if (name is null || scope is null)
            {
                return false;
            }

            // In a type, twins are its members: look at field declarators, properties and methods, not into bodies.
            Func<SyntaxNode, bool> descend = scope is BaseTypeDeclarationSyntax
                ? n => n == scope || n is BaseFieldDeclarationSyntax or VariableDeclarationSyntax
                : n => n == scope || !(n is BaseTypeDeclarationSyntax);
            foreach (var node in Walks.Nodes(scope, cancellationToken, descend))
            {
                SyntaxToken identifier;
                SyntaxNode? value;
                switch (node)
                {
                    case VariableDeclaratorSyntax declarator:
                        identifier = declarator.Identifier;
                        value = declarator.Initializer;
                        break;
                    case PropertyDeclarationSyntax property:
                        identifier = property.Identifier;
                        value = (SyntaxNode?)property.Initializer ?? (SyntaxNode?)property.ExpressionBody ?? property.AccessorList;
                        break;
                    case MethodDeclarationSyntax method:
                        identifier = method.Identifier;
                        value = (SyntaxNode?)method.ExpressionBody ?? method.Body;
                        break;
                    default:
                        continue;
                }

                if (value is not null && identifier.ValueText != name && AreTwins(name, identifier.ValueText) && ContainsIPv6(value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The name of the field, property, local or method whose value the literal is, and where its twins live.</summary>
        private static (string? Name, SyntaxNode? Scope) DeclaredName(SyntaxNode literal)
        {
            for (var node = literal.Parent; node is not null; node = node.Parent)
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax declarator:
                        var scope = declarator.Parent?.Parent is LocalDeclarationStatementSyntax local
                            ? local.Parent
                            : declarator.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>();
                        return (declarator.Identifier.ValueText, scope);
                    case PropertyDeclarationSyntax property:
                        return (property.Identifier.ValueText, property.Parent);
                    case MethodDeclarationSyntax method:
                        return (method.Identifier.ValueText, method.Parent);
                    case AnonymousFunctionExpressionSyntax or BaseTypeDeclarationSyntax or StatementSyntax and not ReturnStatementSyntax and not LocalDeclarationStatementSyntax:
                        return (null, null);
                }
            }

            return (null, null);
        }

        /// <summary>
        /// The two names differ only by a v4/v6 marker: stripping the markers (ipv4, ipv6, ip4, ip6, inet4, inet6,
        /// v4, v6; case and '_' ignored) leaves the same name, and only the second carries an IPv6 marker.
        /// </summary>
        public static bool AreTwins(string ipv4Name, string ipv6Name)
        {
            var v6 = Normalize(ipv6Name);
            var v4 = Normalize(ipv4Name);
            return HasIPv6Marker(v6) && !HasIPv6Marker(v4) && StripMarkers(v4) == StripMarkers(v6);
        }

        private static string Normalize(string name) => name.Replace("_", string.Empty).ToLowerInvariant();

        private static bool HasIPv6Marker(string normalized) => normalized.Contains("v6") || normalized.Contains("ip6") || normalized.Contains("inet6");

        private static string StripMarkers(string normalized)
        {
            foreach (var marker in new[] { "ipv4", "ipv6", "inet4", "inet6", "ip4", "ip6", "v4", "v6" })
            {
                normalized = normalized.Replace(marker, string.Empty);
            }

            return normalized;
        }
    }
}
