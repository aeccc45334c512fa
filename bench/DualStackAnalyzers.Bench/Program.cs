using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackAnalyzers.Bench.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackAnalyzers.Bench
{
    /// <summary>
    /// The analyzers' cost on a large generated code base, as a share of the compiler's own binding time measured in
    /// the same process; and the IDE view (one file with its semantic model already built). See README "Performance".
    /// </summary>
    public static class Program
    {
        /// <summary>Set once from --reuse-trees, before any measurement.</summary>
        private static bool reuseTrees;

        public static async Task<int> Main(string[] args)
        {
            var options = BenchOptions.Parse(args);
            if (options is null)
            {
                Console.Error.WriteLine(BenchOptions.Usage);
                return 2;
            }

            reuseTrees = options.ReuseTrees;

            var report = new Report();
            report.Line("# DualStackAnalyzers benchmark");
            report.Line($"- machine: {Environment.ProcessorCount} cores, {RuntimeDescription()}, load average at start {LoadAverage()}");
            report.Line($"- Roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}, concurrent analysis {(options.Concurrent ? "on" : "off")}, {options.Rounds} rounds after {options.Warmup} warm-up, "
                + (options.ReuseTrees ? "every pass on a clone that keeps the syntax trees (--reuse-trees)" : "every pass on freshly parsed trees"));

            // 1. Generate and compile once.
            var stopwatch = Stopwatch.StartNew();
            var files = CodeBaseGenerator.Generate(options.Modules, options.Seed);
            var csharp = files.Where(f => !f.IsAdditional).ToList();
            var lines = csharp.Sum(f => f.LineCount);
            report.Line($"- code base: {csharp.Count} C# files, {lines:N0} lines, {files.Count - csharp.Count} configuration files (seed {options.Seed}, generated in {stopwatch.ElapsedMilliseconds} ms)");
            if (options.EmitDirectory is { } emit)
            {
                foreach (var file in files)
                {
                    var path = Path.Combine(emit, file.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, file.Text);
                }
            }

            var compilation = GeneratedCompilation.Create(files, out var additionalFiles);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                Console.Error.WriteLine($"The generated code does not compile: {errors.Count} errors, e.g.");
                foreach (var error in errors.Take(20))
                {
                    Console.Error.WriteLine("  " + error);
                }

                return 1;
            }

            // What the package ships (one analyzer hosting every rule), and the same rules as separate analyzers for the
            // per-rule breakdown (and to show what hosting saves).
            var ours = LoadOurAnalyzers();
            var rules = ours.OfType<AllRulesAnalyzer>().Single().Rules;
            var calibration = new EmptyFieldReferenceAnalyzer();
            var shape = RegistrationShape.Read(ours, compilation, new AnalyzerOptions(additionalFiles));
            var floor = new EmptyShapeAnalyzer(shape);
            var separateShape = RegistrationShape.Read(rules, compilation, new AnalyzerOptions(additionalFiles));
            var separateFloor = new EmptyShapeAnalyzer(separateShape);
            var namesFloor = new EmptyShapeAnalyzer(shape, readNames: true);
            var analyzers = ours.Add(calibration).Add(floor).Add(namesFloor);
            report.Line($"- shipped analyzers: {string.Join(", ", ours.Select(a => a.GetType().Name))}, hosting {rules.Length} rules ({string.Join(", ", ours.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id))})");
            report.Line($"- operation callbacks the driver makes per operation kind: hosted {shape.Length} ({RegistrationShape.Describe(shape)}); as separate analyzers {separateShape.Length} ({RegistrationShape.Describe(separateShape)})");

            if (options.HostedOnly > 0)
            {
                // For a profiler: the shipped analyzer alone, pass after pass, and nothing else in the process.
                for (var pass = 0; pass < options.HostedOnly; pass++)
                {
                    var hosted = await MeasureAnalyzersAsync(compilation, ours, additionalFiles, options.Concurrent);
                    Console.Error.WriteLine($"hosted pass {pass}: ours {hosted.PerAnalyzer.Values.Sum(t => t.TotalMilliseconds):N1} ms, analysis wall {hosted.Wall.TotalMilliseconds:N0} ms");
                }

                return 0;
            }

            // 2. Rounds: the compiler's binding on a fresh compilation, then the shipped analyzer on another fresh one, then
            // the rules as separate analyzers on a third.
            var rounds = new List<Round>();
            for (var round = -options.Warmup; round < options.Rounds; round++)
            {
                var binding = MeasureBinding(compilation);
                var analysis = await MeasureAnalyzersAsync(compilation, analyzers, additionalFiles, options.Concurrent);
                var separate = await MeasureAnalyzersAsync(compilation, rules.Add(separateFloor), additionalFiles, options.Concurrent);
                var result = new Round(binding, analysis.Wall, analysis.PerAnalyzer, analysis.Diagnostics, ours, calibration, floor, separate.PerAnalyzer, separate.Diagnostics, rules, separateFloor)
                {
                    NamesFloor = analysis.PerAnalyzer[namesFloor],
                };
                Console.Error.WriteLine($"round {round}: binding {binding.TotalMilliseconds:N0} ms, ours {result.OursTotal.TotalMilliseconds:N1} ms ({result.Ratio:P2}), separate rules {result.SeparateTotal.TotalMilliseconds:N1} ms, analysis wall {analysis.Wall.TotalMilliseconds:N0} ms, load {LoadAverage()}");
                if (round >= 0)
                {
                    rounds.Add(result);
                }
            }

            // --rounds 0 with --by-kind: only the per-kind pass.
            if (rounds.Count > 0)
            {
                var last = rounds[rounds.Count - 1];
                report.Line();
                report.Line("## Whole code base (median of " + rounds.Count + " rounds)");
                report.Line();
                report.Line("| measure | median | min | max |");
                report.Line("|---|---:|---:|---:|");
                report.Row("compiler binding (semantic diagnostics of every tree)", rounds.Select(r => r.Binding.TotalMilliseconds), "ms");
                report.Row("**all our analyzers (sum of callback times)**", rounds.Select(r => r.OursTotal.TotalMilliseconds), "ms");
                report.Row("**ratio ours / binding**", rounds.Select(r => r.Ratio * 100), "%", "N3");
                report.Row("reference: one empty FieldReference callback", rounds.Select(r => r.Calibration.TotalMilliseconds), "ms");
                report.Row("reference: its ratio to binding", rounds.Select(r => r.CalibrationRatio * 100), "%", "N3");
                report.Row("floor: empty callbacks in our registration shape", rounds.Select(r => r.Floor.TotalMilliseconds), "ms");
                report.Row("floor: its ratio to binding", rounds.Select(r => r.Floor.TotalMilliseconds / r.Binding.TotalMilliseconds * 100), "%", "N3");
                report.Row("floor + reading each operation's name (same pass as ours: the name may be cached)", rounds.Select(r => r.NamesFloor.TotalMilliseconds), "ms");
                report.Row("its ratio to binding", rounds.Select(r => r.NamesFloor.TotalMilliseconds / r.Binding.TotalMilliseconds * 100), "%", "N3");
                report.Row("analysis wall time (driver: binding + operations + callbacks)", rounds.Select(r => r.AnalysisWall.TotalMilliseconds), "ms");
                report.Row("the same rules as separate analyzers (sum of callback times)", rounds.Select(r => r.SeparateTotal.TotalMilliseconds), "ms");
                report.Row("their ratio to binding", rounds.Select(r => r.SeparateTotal.TotalMilliseconds / r.Binding.TotalMilliseconds * 100), "%", "N3");
                report.Row("floor: empty callbacks in the separate analyzers' shape", rounds.Select(r => r.SeparateFloor.TotalMilliseconds), "ms");
                report.Line();
                report.Line("Per rule, each run as a separate analyzer (the shipped host calls the same code from one callback per operation kind):");
                report.Line();
                report.Line("| rule analyzer | IDs | median ms | share of binding |");
                report.Line("|---|---|---:|---:|");
                foreach (var analyzer in rules.OrderByDescending(a => Median(rounds.Select(r => r.Separate[a].TotalMilliseconds))))
                {
                    var median = Median(rounds.Select(r => r.Separate[analyzer].TotalMilliseconds));
                    var ids = string.Join(" ", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct());
                    report.Line($"| {analyzer.GetType().Name} | {ids} | {median.ToString("N1", CultureInfo.InvariantCulture)} | {(median / Median(rounds.Select(r => r.Binding.TotalMilliseconds)) * 100).ToString("N3", CultureInfo.InvariantCulture)}% |");
                }

                report.Line();
                report.Line("Diagnostics on the code base (last round): " + string.Join(", ", last.Diagnostics.Where(d => !d.Id.StartsWith("BENCH", StringComparison.Ordinal)).GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count())));
                ReportPatternCoverage(last.Diagnostics, ours, options.Modules, report);
                var passes = options.Warmup + options.Rounds;
                report.Line("Operation callbacks the driver makes to us per pass: " + string.Join(", ", namesFloor.Calls.OrderByDescending(p => p.Value[0]).Select(p => $"{p.Key} {p.Value[0] / passes:N0}"))
                    + $" ({namesFloor.Calls.Values.Sum(c => c[0]) / passes:N0} in all).");
                var hostedOnly = Keys(last.Diagnostics).Except(Keys(last.SeparateDiagnostics)).Count();
                var separateOnly = Keys(last.SeparateDiagnostics).Except(Keys(last.Diagnostics)).Count();
                report.Line($"Hosted and separate analyzers report the same diagnostics: {(hostedOnly == 0 && separateOnly == 0 ? "yes" : $"NO ({hostedOnly} only hosted, {separateOnly} only separate)")}.");
            }

            if (options.ByKind)
            {
                await MeasureByKindAsync(compilation, rules, additionalFiles, report);
            }

            // 3. The IDE view: one file at a time, semantic model already built.
            if (options.IdeFiles > 0)
            {
                await MeasureIdeAsync(compilation, ours, additionalFiles, options, report);
            }

            report.Line();
            report.Line($"Load average at end: {LoadAverage()}");
            Console.WriteLine(report.ToString());
            if (options.OutputFile is { } output)
            {
                File.WriteAllText(output, report.ToString());
            }

            return 0;
        }

        /// <summary>
        /// Recall and precision on the generated code: every module that carries a flagged pattern should get a diagnostic
        /// of the pattern's rule; the other modules are written dual-stack-correct and should get none.
        /// </summary>
        private static void ReportPatternCoverage(ImmutableArray<Diagnostic> diagnostics, ImmutableArray<DiagnosticAnalyzer> ours, int modules, Report report)
        {
            var shipped = ours.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            var byModule = diagnostics.Where(d => shipped.Contains(d.Id) && d.Location.SourceTree is not null)
                .GroupBy(d => ModuleIndex(d.Location.SourceTree!.FilePath))
                .ToDictionary(g => g.Key, g => g.ToList());
            var names = CodeBaseGenerator.FlaggedPatternNames;
            var missed = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var found = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var unexpected = new List<Diagnostic>();
            foreach (var (module, list) in byModule)
            {
                var expected = module >= 0 && module % CodeBaseGenerator.SprinkleEvery == 3 ? names[(module / CodeBaseGenerator.SprinkleEvery) % names.Count] : null;
                unexpected.AddRange(list.Where(d => expected is null || !expected.StartsWith(d.Id + " ", StringComparison.Ordinal)));
            }

            for (var module = 3; module < modules; module += CodeBaseGenerator.SprinkleEvery)
            {
                var name = names[(module / CodeBaseGenerator.SprinkleEvery) % names.Count];
                var id = name.Split(' ')[0];
                if (!shipped.Contains(id))
                {
                    continue;
                }

                var hit = byModule.TryGetValue(module, out var list) && list.Any(d => d.Id == id);
                var target = hit ? found : missed;
                target[name] = target.TryGetValue(name, out var n) ? n + 1 : 1;
            }

            report.Line();
            report.Line($"Flagged patterns of shipped rules: {found.Values.Sum()} modules reported, {missed.Values.Sum()} missed"
                + (missed.Count == 0 ? string.Empty : " (" + string.Join(", ", missed.Select(p => p.Key + " ×" + p.Value)) + ")") + ".");
            report.Line($"Diagnostics outside the pattern they were planted for (dual-stack-correct code or another rule's pattern): {unexpected.Count}"
                + (unexpected.Count == 0 ? "." : ": " + string.Join("; ", unexpected.GroupBy(d => d.Id + " " + Shorten(d.GetMessage(CultureInfo.InvariantCulture))).OrderByDescending(g => g.Count()).Take(12).Select(g => g.Key + " ×" + g.Count()))));
        }

        private static IEnumerable<string> Keys(ImmutableArray<Diagnostic> diagnostics) => diagnostics
            .Where(d => d.Id.StartsWith("DS", StringComparison.Ordinal))
            .Select(d => d.Id + " " + d.Location.GetLineSpan() + " " + d.GetMessage(CultureInfo.InvariantCulture));

        private static string Shorten(string message) => message.Length <= 90 ? message : message.Substring(0, 90) + "…";

        private static int ModuleIndex(string path)
        {
            var at = path.IndexOf("/M", StringComparison.Ordinal);
            return at >= 0 && path.Length >= at + 6 && int.TryParse(path.AsSpan(at + 2, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
        }

        private static ImmutableArray<DiagnosticAnalyzer> LoadOurAnalyzers()
        {
            var assembly = Assembly.Load(new AssemblyName("DualStackAnalyzers"));
            return assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
        }

        /// <summary>The compiler's own work: declaration and method-body diagnostics of every tree, single-threaded.</summary>
        private static TimeSpan MeasureBinding(CSharpCompilation compilation)
        {
            var fresh = CopyForPass(compilation);
            Collect();
            var stopwatch = Stopwatch.StartNew();
            foreach (var tree in fresh.SyntaxTrees)
            {
                fresh.GetSemanticModel(tree).GetDiagnostics();
            }

            return stopwatch.Elapsed;
        }

        private static async Task<(TimeSpan Wall, Dictionary<DiagnosticAnalyzer, TimeSpan> PerAnalyzer, ImmutableArray<Diagnostic> Diagnostics)> MeasureAnalyzersAsync(
            CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<AdditionalText> additionalFiles, bool concurrent)
        {
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(additionalFiles),
                (exception, analyzer, _) => { lock (exceptions) { exceptions.Add(analyzer.GetType().Name + ": " + exception.Message); } },
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: true);
            var withAnalyzers = CopyForPass(compilation).WithAnalyzers(analyzers, options);
            Collect();
            var stopwatch = Stopwatch.StartNew();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var wall = stopwatch.Elapsed;
            if (exceptions.Count > 0)
            {
                throw new InvalidOperationException("analyzer exceptions: " + string.Join("; ", exceptions.Take(5)));
            }

            var perAnalyzer = new Dictionary<DiagnosticAnalyzer, TimeSpan>();
            foreach (var analyzer in analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
                perAnalyzer[analyzer] = telemetry.ExecutionTime;
            }

            return (wall, perAnalyzer, diagnostics);
        }

        /// <summary>Every rule's operation actions timed per operation kind, through a host that wraps them.</summary>
        private static async Task MeasureByKindAsync(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> rules, ImmutableArray<AdditionalText> additionalFiles, Report report)
        {
            var times = new System.Collections.Concurrent.ConcurrentDictionary<(string Rule, OperationKind Kind), long[]>();
            var duringCollection = new long[2]; // time and calls of actions during which a collection ran
            long pausedTicks = 0; // GC pauses that fell inside the actions (TimeSpan ticks)
            Action<OperationAnalysisContext> Wrap(DiagnosticAnalyzer rule, OperationKind kind, Action<OperationAnalysisContext> action)
            {
                var slot = times.GetOrAdd((rule.GetType().Name, kind), _ => new long[3]);
                return context =>
                {
                    var bytes = GC.GetAllocatedBytesForCurrentThread();
                    var collections = GC.CollectionCount(0);
                    var paused = GC.GetTotalPauseDuration().Ticks;
                    var start = Stopwatch.GetTimestamp();
                    action(context);
                    var elapsed = Stopwatch.GetTimestamp() - start;
                    Interlocked.Add(ref pausedTicks, GC.GetTotalPauseDuration().Ticks - paused);
                    Interlocked.Increment(ref slot[1]);
                    Interlocked.Add(ref slot[0], elapsed);
                    Interlocked.Add(ref slot[2], GC.GetAllocatedBytesForCurrentThread() - bytes);
                    if (GC.CollectionCount(0) != collections)
                    {
                        Interlocked.Add(ref duringCollection[0], elapsed);
                        Interlocked.Increment(ref duringCollection[1]);
                    }
                };
            }

            var host = new AllRulesAnalyzer(rules, Wrap);
            var pause = GC.GetTotalPauseDuration();
            var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var pass = await MeasureAnalyzersAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(host), additionalFiles, concurrent: false);
            var inActions = times.Values.Sum(v => v[0]) * 1000.0 / Stopwatch.Frequency;
            var pausedInActions = TimeSpan.FromTicks(pausedTicks).TotalMilliseconds;
            report.Line();
            report.Line("## Time per rule and operation kind (one pass, wrapped host)");
            report.Line();
            report.Line($"The driver timed the wrapped host at {pass.PerAnalyzer[host].TotalMilliseconds:N1} ms, of which {inActions:N1} ms inside the rules' operation actions "
                + $"({duringCollection[1]:N0} action calls, {duringCollection[0] * 1000.0 / Stopwatch.Frequency:N1} ms, had a garbage collection run during them; {pausedInActions:N1} ms of GC pauses fell inside actions).");
            report.Line($"Our actions allocated {times.Values.Sum(v => v[2]) / (1024 * 1024):N1} MB; the pass (driver, binding and us) had {GC.CollectionCount(0) - collections.Item1} gen0, {GC.CollectionCount(1) - collections.Item2} gen1 and {GC.CollectionCount(2) - collections.Item3} gen2 collections, {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:N0} ms of GC pauses (which land in whichever callback allocates).");
            report.Line();
            report.Line("| rule | kind | calls | ms | µs per call | KB allocated |");
            report.Line("|---|---|---:|---:|---:|---:|");
            foreach (var pair in times.OrderByDescending(p => p.Value[0]).Take(40))
            {
                var ms = pair.Value[0] * 1000.0 / Stopwatch.Frequency;
                report.Line($"| {pair.Key.Rule} | {pair.Key.Kind} | {pair.Value[1]:N0} | {ms.ToString("N1", CultureInfo.InvariantCulture)} | {(ms * 1000 / Math.Max(1, pair.Value[1])).ToString("N2", CultureInfo.InvariantCulture)} | {pair.Value[2] / 1024:N0} |");
            }
        }

        /// <summary>
        /// What an editor pays per file: the analyzers' semantic pass over one document whose model is already bound.
        /// Reports the wall time of GetAnalyzerSemanticDiagnosticsAsync and our own callback time for that file.
        /// </summary>
        private static async Task MeasureIdeAsync(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> ours, ImmutableArray<AdditionalText> additionalFiles, BenchOptions options, Report report)
        {
            var withAnalyzers = CopyForPass(compilation).WithAnalyzers(ours, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(additionalFiles), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            var trees = withAnalyzers.Compilation.SyntaxTrees.Where(t => t.FilePath.Contains("/M", StringComparison.Ordinal)).ToList();
            var step = Math.Max(1, trees.Count / options.IdeFiles);
            var sample = Enumerable.Range(0, options.IdeFiles).Select(i => trees[(i * step + 7) % trees.Count]).Distinct().ToList();

            // Warm-up on other files: compilation-start actions and JIT.
            foreach (var tree in trees.Take(10))
            {
                var model = withAnalyzers.Compilation.GetSemanticModel(tree);
                model.GetDiagnostics();
                await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None);
            }

            var wall = new List<double>();
            var callbacks = new List<double>();
            var binding = new List<double>();
            var before = await OurTimeAsync(withAnalyzers, ours);
            foreach (var tree in sample)
            {
                var model = withAnalyzers.Compilation.GetSemanticModel(tree);
                var bind = Stopwatch.StartNew();
                model.GetDiagnostics();
                binding.Add(bind.Elapsed.TotalMilliseconds);
                var stopwatch = Stopwatch.StartNew();
                await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None);
                wall.Add(stopwatch.Elapsed.TotalMilliseconds);
                var after = await OurTimeAsync(withAnalyzers, ours);
                callbacks.Add((after - before).TotalMilliseconds);
                before = after;
            }

            report.Line();
            report.Line($"## IDE view: one file, semantic model already built ({sample.Count} files)");
            report.Line();
            report.Line("| measure | median | p95 | max |");
            report.Line("|---|---:|---:|---:|");
            report.Line(Percentiles("compiler binding of the file (model.GetDiagnostics)", binding));
            report.Line(Percentiles("GetAnalyzerSemanticDiagnosticsAsync, wall (driver + our callbacks)", wall));
            report.Line(Percentiles("our callbacks in that call", callbacks));
        }

        private static async Task<TimeSpan> OurTimeAsync(CompilationWithAnalyzers withAnalyzers, ImmutableArray<DiagnosticAnalyzer> ours)
        {
            var total = TimeSpan.Zero;
            foreach (var analyzer in ours)
            {
                total += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
            }

            return total;
        }

        private static string Percentiles(string name, List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
            return $"| {name} | {At(0.5).ToString("N3", CultureInfo.InvariantCulture)} ms | {At(0.95).ToString("N3", CultureInfo.InvariantCulture)} ms | {sorted[sorted.Count - 1].ToString("N3", CultureInfo.InvariantCulture)} ms |";
        }

        internal static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        /// <summary>
        /// The compilation a pass runs on: its files parsed again and its declaration table built, outside any timed
        /// region (with --reuse-trees, the old method: a clone that keeps the trees). A
        /// clone would keep the syntax trees, and with them what the analyzers cache per tree (the identifier index) and
        /// the red nodes the last pass built: a build parses each file once, so every pass starts from new trees. The
        /// declaration table (the source's namespaces and type names) is the compiler's first step; left unbuilt, it
        /// would be charged to whichever analyzer first looks a type up by name (ours, at compilation start).
        /// </summary>
        private static CSharpCompilation CopyForPass(CSharpCompilation compilation)
        {
            if (reuseTrees)
            {
                return compilation.Clone();
            }

            var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(
                tree => CSharpSyntaxTree.ParseText(tree.GetText(), (CSharpParseOptions)tree.Options, tree.FilePath)));
            _ = fresh.Assembly.TypeNames.Count;
            return fresh;
        }

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        private static string LoadAverage()
        {
            try
            {
                var parts = File.ReadAllText("/proc/loadavg").Split(' ');
                return parts[0] + " " + parts[1] + " " + parts[2];
            }
            catch (IOException)
            {
                return "n/a";
            }
            catch (UnauthorizedAccessException)
            {
                return "n/a";
            }
        }

        private static string RuntimeDescription() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription
            + (IsOptimized() ? ", Release build" : ", DEBUG build (use -c Release)");

        private static bool IsOptimized()
        {
            var debuggable = typeof(Program).Assembly.GetCustomAttribute<DebuggableAttribute>();
            return debuggable is null || !debuggable.IsJITOptimizerDisabled;
        }

        private sealed class Round
        {
            public Round(TimeSpan binding, TimeSpan analysisWall, Dictionary<DiagnosticAnalyzer, TimeSpan> perAnalyzer, ImmutableArray<Diagnostic> diagnostics, ImmutableArray<DiagnosticAnalyzer> ours, DiagnosticAnalyzer calibration, DiagnosticAnalyzer floor,
                Dictionary<DiagnosticAnalyzer, TimeSpan> separate, ImmutableArray<Diagnostic> separateDiagnostics, ImmutableArray<DiagnosticAnalyzer> rules, DiagnosticAnalyzer separateFloor)
            {
                Separate = separate;
                SeparateDiagnostics = separateDiagnostics;
                SeparateTotal = rules.Aggregate(TimeSpan.Zero, (sum, a) => sum + separate[a]);
                SeparateFloor = separate[separateFloor];
                Floor = perAnalyzer[floor];
                Binding = binding;
                AnalysisWall = analysisWall;
                PerAnalyzer = perAnalyzer;
                Diagnostics = diagnostics;
                OursTotal = ours.Aggregate(TimeSpan.Zero, (sum, a) => sum + perAnalyzer[a]);
                Calibration = perAnalyzer[calibration];
            }

            public TimeSpan Binding { get; }

            /// <summary>Each rule's time when run as an analyzer of its own.</summary>
            public Dictionary<DiagnosticAnalyzer, TimeSpan> Separate { get; }

            public ImmutableArray<Diagnostic> SeparateDiagnostics { get; }

            public TimeSpan SeparateTotal { get; }

            public TimeSpan SeparateFloor { get; }

            public TimeSpan AnalysisWall { get; }

            public Dictionary<DiagnosticAnalyzer, TimeSpan> PerAnalyzer { get; }

            public ImmutableArray<Diagnostic> Diagnostics { get; }

            public TimeSpan OursTotal { get; }

            public TimeSpan Calibration { get; }

            public TimeSpan Floor { get; }

            /// <summary>The floor's callbacks reading each operation's name (EmptyShapeAnalyzer with readNames).</summary>
            public TimeSpan NamesFloor { get; init; }

            public double Ratio => OursTotal.TotalMilliseconds / Binding.TotalMilliseconds;

            public double CalibrationRatio => Calibration.TotalMilliseconds / Binding.TotalMilliseconds;
        }

        private sealed class Report
        {
            private readonly StringBuilder text = new StringBuilder();

            public void Line(string line = "") => text.Append(line).Append('\n');

            public void Row(string name, IEnumerable<double> values, string unit, string format = "N1")
            {
                var list = values.ToList();
                string F(double v) => v.ToString(format, CultureInfo.InvariantCulture) + " " + unit;
                Line($"| {name} | {F(Median(list))} | {F(list.Min())} | {F(list.Max())} |");
            }

            public override string ToString() => text.ToString();
        }
    }

    /// <summary>Calibration: the cheapest analyzer that still makes the driver call it for every field reference.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class EmptyFieldReferenceAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor("BENCH01", "Calibration", "Calibration", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(static c => GC.KeepAlive(c.Operation), OperationKind.FieldReference);
        }
    }

    internal sealed class BenchOptions
    {
        public const string Usage = "usage: DualStackAnalyzers.Bench [--modules N] [--rounds N] [--warmup N] [--ide-files N] [--seed N] [--concurrent] [--by-kind] [--hosted-only N] [--reuse-trees] [--emit DIR] [--out FILE]";

        public int Modules { get; private set; } = 2000;

        /// <summary>Also time every rule's action per operation kind (a wrapped host, one extra pass): where the time goes.</summary>
        public bool ByKind { get; private set; }

        public int Rounds { get; private set; } = 5;

        /// <summary>Only run the shipped analyzer N times (no binding, no separate rules, no report): for profilers.</summary>
        public int HostedOnly { get; private set; }

        /// <summary>The method before 2026-11-30: every pass on a clone that keeps the syntax trees (for comparison only).</summary>
        public bool ReuseTrees { get; private set; }

        public int Warmup { get; private set; } = 2;

        public int IdeFiles { get; private set; } = 300;

        public int Seed { get; private set; } = CodeBaseGenerator.DefaultSeed;

        public bool Concurrent { get; private set; }

        public string? EmitDirectory { get; private set; }

        public string? OutputFile { get; private set; }

        public static BenchOptions? Parse(string[] args)
        {
            var options = new BenchOptions();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
                switch (args[i])
                {
                    case "--modules": options.Modules = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--rounds": options.Rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--warmup": options.Warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--hosted-only": options.HostedOnly = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--ide-files": options.IdeFiles = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--seed": options.Seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--concurrent": options.Concurrent = true; break;
                    case "--by-kind": options.ByKind = true; break;
                    case "--reuse-trees": options.ReuseTrees = true; break;
                    case "--emit": options.EmitDirectory = Next(); break;
                    case "--out": options.OutputFile = Next(); break;
                    default: return null;
                }
            }

            return (options.Rounds > 0 || options.ByKind) && options.Modules > 0 ? options : null;
        }
    }
}
