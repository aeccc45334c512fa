using Microsoft.CodeAnalysis;

namespace DualStackAnalyzers.Internals
{
    /// <summary>Builds descriptors so that help links, categories and tags are uniform across rules.</summary>
    internal static class RuleDescriptors
    {
        /// <summary>The one base URL of the rule pages; the page of a rule is <c>{HelpBaseUri}{id}.md</c>.</summary>
        public const string HelpBaseUri = "https://github.com/dualstack-analyzers/DualStackAnalyzers/blob/main/docs/rules/";

        public static string HelpUri(string id) => HelpBaseUri + id + ".md";

        public static DiagnosticDescriptor Create(
            string id,
            string category,
            string title,
            string messageFormat,
            DiagnosticSeverity severity,
            string description)
        {
#pragma warning disable RS2008 // Release tracking is checked by a meta-test over every descriptor (the factory hides IDs from RS2008).
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpUri(id),
                customTags: new[] { "DualStack" });
#pragma warning restore RS2008
        }

        /// <summary>A descriptor for diagnostics reported at compilation end (tagged so the IDE knows when it can run).</summary>
        public static DiagnosticDescriptor CreateCompilationEnd(
            string id,
            string category,
            string title,
            string messageFormat,
            DiagnosticSeverity severity,
            string description)
        {
#pragma warning disable RS2008 // Release tracking is checked by a meta-test over every descriptor (the factory hides IDs from RS2008).
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpUri(id),
                customTags: new[] { "DualStack", WellKnownDiagnosticTags.CompilationEnd });
#pragma warning restore RS2008
        }
    }
}
