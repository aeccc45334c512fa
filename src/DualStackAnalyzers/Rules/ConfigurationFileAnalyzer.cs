using System.Collections.Immutable;
using System.IO;
using System.Threading;
using DualStackAnalyzers.Internals;
using DualStackAnalyzers.Internals.ConfigFiles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DualStackAnalyzers.Rules
{
    /// <summary>
    /// The configuration and deployment files the package adds to AdditionalFiles (appsettings*.json,
    /// launchSettings.json, runtimeconfig.template.json, Dockerfiles, compose and Kubernetes YAML): each file is read
    /// once and its values go to the file rules — DS0050 (wildcard URL), DS0051 (hard-coded IPv4), DS0014 (IPv6 switched off).
    /// </summary>
    public sealed class ConfigurationFileAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(
            ConfigurationBindsIPv4Wildcard.Rule,
            ConfigurationHardCodedIPv4.Rule,
            IPv6DisabledForProcessAnalyzer.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                // dualstack.allowed_addresses from the global config applies to the files as to the code.
                var options = new DualStackOptions.Cache(start.Options.AnalyzerConfigOptionsProvider);
                start.RegisterAdditionalFileAction(c => Analyze(c, options.Global));
            });
        }

        private static void Analyze(AdditionalFileAnalysisContext context, DualStackOptions options)
        {
            var path = context.AdditionalFile.Path;
            var kind = ConfigFileKinds.Classify(path);
            if (kind == ConfigFileKind.None)
            {
                return;
            }

            var text = context.AdditionalFile.GetText(context.CancellationToken);
            if (text is null || text.Length == 0 || text.Length > 4_000_000)
            {
                return;
            }

            var content = text.ToString();
            var file = Path.GetFileName(path);
            foreach (var entry in ConfigFileKinds.Read(kind, content, context.CancellationToken))
            {
                ConfigurationBindsIPv4Wildcard.Check(entry, kind, file, path, text, context.ReportDiagnostic);
                IPv6DisabledInConfiguration.Check(entry, kind, file, path, text, context.ReportDiagnostic);
                ConfigurationHardCodedIPv4.Check(entry, file, path, text, options, context.ReportDiagnostic);
            }
        }

        /// <summary>A location in an additional file.</summary>
        internal static Location LocationOf(string path, SourceText text, int start, int length)
        {
            var span = new TextSpan(start, System.Math.Max(0, System.Math.Min(length, text.Length - start)));
            return Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
        }
    }
}
