using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using DualStackAnalyzers.Rules;
using DualStackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace DualStackAnalyzers.Tests.Meta
{
    /// <summary>
    /// The DualStackAnalysisMode presets (src/DualStackAnalyzers.Package/build): every rule ID is named in each preset
    /// with the preset's severity, and the props select the right file for each mode.
    /// </summary>
    public class PresetTests
    {
        private static readonly Regex SeverityLine = new Regex(@"^dotnet_diagnostic\.(?<id>[A-Za-z]+\d+)\.severity\s*=\s*(?<severity>\w+)\s*$", RegexOptions.Multiline);

        private static string BuildFolder => Repository.PathOf("src", "DualStackAnalyzers.Package", "build");

        private static Dictionary<string, string> Read(string mode)
        {
            var text = File.ReadAllText(Path.Combine(BuildFolder, "DualStackAnalyzers." + mode + ".globalconfig"));
            Assert.Matches(new Regex(@"^is_global\s*=\s*true\s*$", RegexOptions.Multiline), text);
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match match in SeverityLine.Matches(text))
            {
                Assert.True(entries.TryAdd(match.Groups["id"].Value, match.Groups["severity"].Value), mode + " names " + match.Groups["id"].Value + " twice");
            }

            return entries;
        }

        [Theory]
        [InlineData("All", "warning")]
        [InlineData("None", "none")]
        public void PresetNamesEveryRuleWithItsSeverity(string mode, string severity)
        {
            var entries = Read(mode);
            var ids = Repository.Descriptors.Select(d => d.Id).ToList();
            Assert.NotEmpty(ids);
            foreach (var id in ids)
            {
                Assert.True(entries.ContainsKey(id), "DualStackAnalyzers." + mode + ".globalconfig does not name " + id);
            }

            Assert.All(entries, entry => Assert.Equal(severity, entry.Value));
            Assert.All(entries.Keys, id => Assert.Matches(@"^DS\d{4}$", id));
        }

        [Fact]
        public void PresetsNameTheSameRules()
            => Assert.Equal(Read("All").Keys.OrderBy(k => k), Read("None").Keys.OrderBy(k => k));

        [Theory]
        [InlineData(null, "Default", null)]
        [InlineData("", "", null)]
        [InlineData("Default", "Default", null)]
        [InlineData("all ", "all ", "DualStackAnalyzers.All.globalconfig")]
        [InlineData("None", "None", "DualStackAnalyzers.None.globalconfig")]
        [InlineData("Strict", "Strict", null)]
        public void PropsSelectThePresetOfTheMode(string? mode, string expectedMode, string? expectedFile)
        {
            var folder = Path.Combine(Path.GetTempPath(), "dualstack-presets-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var project = Path.Combine(folder, "p.proj");
                File.WriteAllText(project, $"""
                    <Project>
                      <Import Project="{Path.Combine(BuildFolder, "DualStackAnalyzers.props")}" />
                      {(mode is null ? string.Empty : "<PropertyGroup><DualStackAnalysisMode>" + mode + "</DualStackAnalysisMode></PropertyGroup>")}
                      <Target Name="Build" />
                    </Project>
                    """);
                var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    WorkingDirectory = folder,
                };
                foreach (var argument in new[] { "msbuild", project, "-getItem:GlobalAnalyzerConfigFiles", "-getItem:CompilerVisibleProperty", "-getProperty:DualStackAnalysisMode" })
                {
                    start.ArgumentList.Add(argument);
                }

                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, output + process.StandardError.ReadToEnd());

                using var json = JsonDocument.Parse(output);
                Assert.Equal(expectedMode, json.RootElement.GetProperty("Properties").GetProperty("DualStackAnalysisMode").GetString());
                var items = json.RootElement.GetProperty("Items");
                var files = items.TryGetProperty("GlobalAnalyzerConfigFiles", out var list)
                    ? list.EnumerateArray().Select(i => i.GetProperty("Filename").GetString() + i.GetProperty("Extension").GetString()).ToList()
                    : new List<string>();
                Assert.Equal(expectedFile is null ? Array.Empty<string>() : new[] { expectedFile }, files);
                var visible = items.GetProperty("CompilerVisibleProperty").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()).ToList();
                Assert.Contains("DualStackAnalysisMode", visible);
                Assert.Contains("IsTestProject", visible);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Theory]
        [InlineData("Default", true)]
        [InlineData("all", true)]
        [InlineData(" None ", true)]
        [InlineData("", true)]
        [InlineData("Strict", false)]
        public void AnalysisModeValues(string value, bool valid) => Assert.Equal(valid, InvalidOptionAnalyzer.IsAnalysisMode(value));
    }
}
