// Reads a SARIF 2.1 log from a sample's build and prints its DS diagnostics as "path(line,col): severity ID: message",
// paths relative to samples/. With an expected-diagnostics file it compares instead (exit 1 on any difference), and
// checks that every DS rule in the log carries a help link to its docs/rules page.
// Usage: dotnet run tools/diagnostics.cs -- <log.sarif> <samplesDir> [expected.txt]
using System.Text.Json;

var log = args[0];
var samples = Path.GetFullPath(args[1]).TrimEnd('/') + "/";
string? expectedFile = args.Length > 2 ? args[2] : null;

using var document = JsonDocument.Parse(File.ReadAllText(log));
var run = document.RootElement.GetProperty("runs")[0];
var actual = new List<(string Key, string Line)>();
foreach (var result in run.GetProperty("results").EnumerateArray())
{
    var id = result.GetProperty("ruleId").GetString() ?? "";
    if (!id.StartsWith("DS", StringComparison.Ordinal))
    {
        continue;
    }

    var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
    var uri = new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!);
    var path = uri.IsAbsoluteUri ? uri.LocalPath : uri.OriginalString;
    path = path.StartsWith(samples, StringComparison.Ordinal) ? path[samples.Length..] : path;
    var region = location.GetProperty("region");
    var key = $"{path}({region.GetProperty("startLine").GetInt32()},{region.GetProperty("startColumn").GetInt32()}): {id}";
    var level = result.TryGetProperty("level", out var l) ? l.GetString() : "warning";
    var message = result.GetProperty("message").GetProperty("text").GetString();
    actual.Add((key, $"{key.Replace(": " + id, "")}: {level} {id}: {message}"));
}

actual = actual.DistinctBy(a => a.Key).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
var failures = new List<string>();

// Every DS rule the compiler describes must link to its page.
if (run.GetProperty("tool").GetProperty("driver").TryGetProperty("rules", out var rules))
{
    foreach (var rule in rules.EnumerateArray())
    {
        var id = rule.GetProperty("id").GetString() ?? "";
        if (id.StartsWith("DS", StringComparison.Ordinal)
            && !(rule.TryGetProperty("helpUri", out var help) && (help.GetString() ?? "").EndsWith($"/docs/rules/{id}.md", StringComparison.Ordinal)))
        {
            failures.Add($"rule {id} has no helpUri to docs/rules/{id}.md");
        }
    }
}

if (expectedFile is null)
{
    foreach (var a in actual)
    {
        Console.WriteLine(a.Line);
    }

    Console.WriteLine($"{actual.Count} DS diagnostic(s)");
}
else
{
    var expected = File.Exists(expectedFile)
        ? File.ReadAllLines(expectedFile).Select(x => x.Replace("(no fix)", "").Replace("(ide fix)", "").Trim()).Where(x => x.Length > 0 && !x.StartsWith('#')).ToHashSet()
        : new HashSet<string>();
    var keys = actual.Select(a => a.Key).ToHashSet();
    failures.AddRange(expected.Except(keys).Order().Select(k => "missing:    " + k));
    failures.AddRange(actual.Where(a => !expected.Contains(a.Key)).Select(a => "unexpected: " + a.Line));
    Console.WriteLine($"{Path.GetFileName(log)}: {actual.Count} DS diagnostic(s), {expected.Count} expected");
}

foreach (var failure in failures)
{
    Console.WriteLine(failure);
}

return failures.Count == 0 ? 0 : 1;
