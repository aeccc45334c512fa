using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using DualStackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackAnalyzers.Tests.Robustness
{
    /// <summary>A C# source some rule test compiles, and where it was written.</summary>
    public sealed class CorpusSource
    {
        public CorpusSource(string origin, string text, int prefixLength)
        {
            Origin = origin;
            Text = text;
            PrefixLength = prefixLength;
        }

        /// <summary>File and line of the test that holds it, e.g. <c>ListenerBindsIPv4WildcardTests.cs:42</c>.</summary>
        public string Origin { get; }

        public string Text { get; }

        /// <summary>Length of the usings prepended to the test's own text (cuts are made after it).</summary>
        public int PrefixLength { get; }

        public override string ToString() => Origin;
    }

    /// <summary>
    /// Every C# source the rule tests use, read from tests/DualStackAnalyzers.Tests/Rules/*.cs with Roslyn: the string
    /// and raw-string literals (with their concatenations, <c>Sources.*</c> constants and <c>.Replace</c> calls) evaluated
    /// for every <c>[InlineData]</c> row, followed into the test class's helpers (<c>FlagsAsync(body)</c> ⇒ the helper's
    /// <c>Sources.Usings + body</c>), markup stripped and the shared usings prepended where the test prepends them.
    /// New rule test files are picked up as they are added.
    /// </summary>
    public static class TestSourceCorpus
    {
        private static readonly Regex OpenMarkup = new Regex(@"\{\|[A-Za-z0-9#_.]*:", RegexOptions.Compiled);

        private static readonly Dictionary<string, string> SharedConstants = typeof(Sources)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);

        public static string RulesDirectory => Repository.PathOf("tests", "DualStackAnalyzers.Tests", "Rules");

        /// <summary>The rule test files, by file name.</summary>
        /// <summary>
        /// The rule test files whose inputs are C#. ConfigurationFileTests' inputs are JSON, Dockerfiles and YAML:
        /// its readers are robustness-tested there (malformed and half-typed files).
        /// </summary>
        public static IReadOnlyList<string> RuleTestFiles()
            => Directory.GetFiles(RulesDirectory, "*.cs").Select(Path.GetFileName)
                .Where(n => n != "ConfigurationFileTests.cs")
                .OrderBy(n => n, StringComparer.Ordinal).ToList()!;

        public static IReadOnlyList<CorpusSource> SourcesOf(string fileName)
        {
            var path = Path.Combine(RulesDirectory, fileName);
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest)).GetCompilationUnitRoot();
            var results = new List<CorpusSource>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in root.DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                new Extractor(fileName, type).Run((line, text) =>
                {
                    var source = Normalize(text, out var prefixLength);
                    if (source is not null && seen.Add(source))
                    {
                        results.Add(new CorpusSource(fileName + ":" + line.ToString(CultureInfo.InvariantCulture), source, prefixLength));
                    }
                });
            }

            return results;
        }

        /// <summary>Markup out, usings in; null when the text is not a C# source (messages, file names, keys).</summary>
        internal static string? Normalize(string text, out int prefixLength)
        {
            prefixLength = 0;
            if (text.Length < 12 || (text.IndexOf(';') < 0 && text.IndexOf('{') < 0))
            {
                return null;
            }

            var plain = OpenMarkup.Replace(text, string.Empty).Replace("|}", string.Empty).Replace("[|", string.Empty).Replace("|]", string.Empty);
            if (!LooksLikeCSharp(plain))
            {
                return null;
            }

            var prefix = new StringBuilder();
            if (!plain.Contains("using System", StringComparison.Ordinal))
            {
                prefix.Append(Sources.Usings);
            }

            if (!plain.Contains("using Microsoft.AspNetCore", StringComparison.Ordinal)
                && (plain.Contains("Kestrel", StringComparison.Ordinal) || plain.Contains("WebApplication", StringComparison.Ordinal)
                    || plain.Contains("WebHost", StringComparison.Ordinal) || plain.Contains("UseUrls", StringComparison.Ordinal)
                    || plain.Contains("HttpContext", StringComparison.Ordinal) || plain.Contains("Forwarded", StringComparison.Ordinal)))
            {
                prefix.Append(Sources.KestrelUsings);
                prefix.Append("using Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.HttpOverrides;\n");
            }

            prefixLength = prefix.Length;
            return prefix.Length == 0 ? plain : prefix + plain;
        }

        private static bool LooksLikeCSharp(string text)
        {
            // A type, a statement or a member: messages and file names have none of these shapes.
            return text.Contains("class ", StringComparison.Ordinal) || text.Contains("struct ", StringComparison.Ordinal)
                || text.Contains("record ", StringComparison.Ordinal) || text.Contains("interface ", StringComparison.Ordinal)
                || text.Contains("namespace ", StringComparison.Ordinal) || text.Contains("using ", StringComparison.Ordinal)
                || text.Contains("var ", StringComparison.Ordinal) || text.Contains("new ", StringComparison.Ordinal)
                || text.Contains(");", StringComparison.Ordinal) || text.Contains("return", StringComparison.Ordinal);
        }

        /// <summary>Evaluates string expressions of one test class.</summary>
        private sealed class Extractor
        {
            private readonly string fileName;
            private readonly ClassDeclarationSyntax type;
            private readonly Dictionary<string, ExpressionSyntax> classConstants = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
            private readonly Dictionary<string, List<MethodDeclarationSyntax>> methods = new Dictionary<string, List<MethodDeclarationSyntax>>(StringComparer.Ordinal);

            public Extractor(string fileName, ClassDeclarationSyntax type)
            {
                this.fileName = fileName;
                this.type = type;
                foreach (var field in type.Members.OfType<FieldDeclarationSyntax>())
                {
                    foreach (var variable in field.Declaration.Variables)
                    {
                        if (variable.Initializer is { Value: var value })
                        {
                            classConstants[variable.Identifier.ValueText] = value;
                        }
                    }
                }

                foreach (var method in type.Members.OfType<MethodDeclarationSyntax>())
                {
                    if (!methods.TryGetValue(method.Identifier.ValueText, out var list))
                    {
                        methods[method.Identifier.ValueText] = list = new List<MethodDeclarationSyntax>();
                    }

                    list.Add(method);
                }
            }

            public void Run(Action<int, string> emit)
            {
                // Sources kept in the class's constants and fields.
                foreach (var value in classConstants.Values)
                {
                    if (IsStringish(value) && Evaluate(value, new Dictionary<string, string>(), 0) is { } text)
                    {
                        emit(value.GetLocation().GetLineSpan().StartLinePosition.Line + 1, text);
                    }
                }

                foreach (var method in type.Members.OfType<MethodDeclarationSyntax>())
                {
                    var parameters = method.ParameterList.Parameters.Select(p => p.Identifier.ValueText).ToList();
                    var rows = Rows(method, parameters);
                    foreach (var expression in MaximalStringExpressions(method))
                    {
                        var line = expression.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                        var usesParameter = expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => parameters.Contains(i.Identifier.ValueText) && !IsMemberName(i));
                        if (usesParameter && rows.Count == 0)
                        {
                            // A helper's template (Sources.Usings + body): evaluated at its call sites.
                            continue;
                        }

                        foreach (var row in rows.Count == 0 ? new List<Dictionary<string, string>> { new Dictionary<string, string>() } : rows)
                        {
                            var value = Evaluate(expression, row, 0);
                            if (value is null)
                            {
                                continue;
                            }

                            var expanded = false;
                            foreach (var viaHelper in ThroughHelper(expression, value))
                            {
                                emit(line, viaHelper);
                                expanded = true;
                            }

                            if (!expanded)
                            {
                                emit(line, value);
                            }
                        }
                    }
                }
            }

            private static bool IsMemberName(IdentifierNameSyntax identifier)
                => identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier;

            /// <summary>The string a test passes to a helper of the class, evaluated inside the helper's templates.</summary>
            private IEnumerable<string> ThroughHelper(ExpressionSyntax expression, string value)
            {
                var node = expression.Parent;
                if (node is not ArgumentSyntax argument || argument.Parent is not ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } list)
                {
                    yield break;
                }

                var name = invocation.Expression switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    GenericNameSyntax generic => generic.Identifier.ValueText,
                    _ => null,
                };
                if (name is null || !methods.TryGetValue(name, out var candidates))
                {
                    yield break;
                }

                var position = list.Arguments.IndexOf(argument);
                foreach (var helper in candidates)
                {
                    var parameters = helper.ParameterList.Parameters;
                    var parameter = argument.NameColon is { } named
                        ? parameters.FirstOrDefault(p => p.Identifier.ValueText == named.Name.Identifier.ValueText)
                        : position < parameters.Count ? parameters[position] : null;
                    if (parameter is null)
                    {
                        continue;
                    }

                    var env = new Dictionary<string, string> { [parameter.Identifier.ValueText] = value };
                    foreach (var template in MaximalStringExpressions(helper))
                    {
                        if (template.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == parameter.Identifier.ValueText && !IsMemberName(i))
                            && Evaluate(template, env, 0) is { } result)
                        {
                            yield return result;
                        }
                    }
                }
            }

            private static List<Dictionary<string, string>> Rows(MethodDeclarationSyntax method, List<string> parameters)
            {
                var rows = new List<Dictionary<string, string>>();
                foreach (var attribute in method.AttributeLists.SelectMany(l => l.Attributes))
                {
                    var attributeName = attribute.Name.ToString();
                    if (attributeName != "InlineData" && attributeName != "InlineDataAttribute" && !attributeName.EndsWith(".InlineData", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var row = new Dictionary<string, string>(StringComparer.Ordinal);
                    var arguments = attribute.ArgumentList?.Arguments ?? default;
                    for (var i = 0; i < arguments.Count && i < parameters.Count; i++)
                    {
                        row[parameters[i]] = ConstantText(arguments[i].Expression) ?? string.Empty;
                    }

                    rows.Add(row);
                }

                return rows;
            }

            private static string? ConstantText(ExpressionSyntax expression) => expression switch
            {
                LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NullLiteralExpression) => string.Empty,
                LiteralExpressionSyntax literal => Convert.ToString(literal.Token.Value, CultureInfo.InvariantCulture),
                PrefixUnaryExpressionSyntax { OperatorToken.Text: "-", Operand: LiteralExpressionSyntax operand } => "-" + Convert.ToString(operand.Token.Value, CultureInfo.InvariantCulture),
                _ => null,
            };

            /// <summary>String-valued expressions of the method that are not part of a larger one.</summary>
            private static IEnumerable<ExpressionSyntax> MaximalStringExpressions(MethodDeclarationSyntax method)
            {
                SyntaxNode? body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
                if (body is null)
                {
                    yield break;
                }

                foreach (var node in body.DescendantNodes())
                {
                    if (node is ExpressionSyntax expression && IsStringish(expression) && !IsInsideLargerString(expression))
                    {
                        yield return expression;
                    }
                }
            }

            private static bool IsStringish(ExpressionSyntax expression) => expression switch
            {
                LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression),
                InterpolatedStringExpressionSyntax => true,
                BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.AddExpression) && (IsStringish(binary.Left) || IsStringish(binary.Right)),
                ParenthesizedExpressionSyntax parenthesized => IsStringish(parenthesized.Expression),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Replace", Expression: var receiver } } => IsStringish(receiver),
                MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Sources" } } => true,
                _ => false,
            };

            private static bool IsInsideLargerString(ExpressionSyntax expression)
            {
                for (SyntaxNode? parent = expression.Parent; parent is not null; parent = parent.Parent)
                {
                    switch (parent)
                    {
                        case InterpolationSyntax:
                            return true;
                        case ParenthesizedExpressionSyntax:
                            continue;
                        case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) && IsStringish(binary):
                            return true;
                        case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Replace" } access when access.Expression == expression:
                            return true;
                        case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } when IsStringish(invocation):
                            return true;
                        default:
                            return false;
                    }
                }

                return false;
            }

            private string? Evaluate(ExpressionSyntax expression, Dictionary<string, string> env, int depth)
            {
                if (depth > 8)
                {
                    return null;
                }

                switch (expression)
                {
                    case LiteralExpressionSyntax literal:
                        return literal.IsKind(SyntaxKind.NullLiteralExpression) ? string.Empty : Convert.ToString(literal.Token.Value, CultureInfo.InvariantCulture) ?? string.Empty;
                    case InterpolatedStringExpressionSyntax interpolated:
                        var builder = new StringBuilder();
                        foreach (var content in interpolated.Contents)
                        {
                            if (content is InterpolatedStringTextSyntax text)
                            {
                                builder.Append(text.TextToken.ValueText);
                            }
                            else if (content is InterpolationSyntax interpolation)
                            {
                                builder.Append(Evaluate(interpolation.Expression, env, depth + 1) ?? string.Empty);
                            }
                        }

                        return builder.ToString();
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                        return (Evaluate(binary.Left, env, depth + 1) ?? string.Empty) + (Evaluate(binary.Right, env, depth + 1) ?? string.Empty);
                    case ParenthesizedExpressionSyntax parenthesized:
                        return Evaluate(parenthesized.Expression, env, depth + 1);
                    case IdentifierNameSyntax identifier:
                        var name = identifier.Identifier.ValueText;
                        if (env.TryGetValue(name, out var bound))
                        {
                            return bound;
                        }

                        return classConstants.TryGetValue(name, out var constant) ? Evaluate(constant, env, depth + 1) : null;
                    case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Sources" }, Name.Identifier.ValueText: var shared }:
                        return SharedConstants.TryGetValue(shared, out var sharedText) ? sharedText : null;
                    case MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax, Name.Identifier.ValueText: "Empty" }:
                        return string.Empty;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Replace", Expression: var receiver }, ArgumentList.Arguments: { Count: 2 } args }:
                        var target = Evaluate(receiver, env, depth + 1);
                        var from = Evaluate(args[0].Expression, env, depth + 1);
                        var to = Evaluate(args[1].Expression, env, depth + 1) ?? string.Empty;
                        return target is null ? null : string.IsNullOrEmpty(from) ? target : target.Replace(from, to, StringComparison.Ordinal);
                    default:
                        return null;
                }
            }
        }
    }
}
