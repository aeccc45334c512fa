using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DualStackAnalyzers.Bench.Generation
{
    /// <summary>
    /// Generates a large, realistic C# code base for the benchmark and the fix round-trip tests: business modules
    /// (entities, services, repositories, minimal-API endpoints, HTTP clients, parsers) with the usual density of string
    /// literals, LINQ, interpolations and async code, plus networking (sockets, Kestrel, HttpClient, DNS), and a
    /// sprinkling of every pattern the rules flag next to their dual-stack-correct counterparts.
    /// Deterministic: module <c>i</c> depends only on the seed and <c>i</c>, so any subset can be generated alone.
    /// Every module compiles against the .NET 10 + ASP.NET Core shared framework together with <see cref="CoreFile"/>.
    /// </summary>
    public static class CodeBaseGenerator
    {
        public const int DefaultSeed = 20251129;

        /// <summary>Modules per flagged pattern cycle: one module in <c>SprinkleEvery</c> carries a flagged pattern.</summary>
        public const int SprinkleEvery = 8;

        private static readonly string[] Domains =
        {
            "Billing", "Sales", "Inventory", "Shipping", "Identity", "Telemetry", "Catalog", "Support", "Payments",
            "Reporting", "Scheduling", "Notifications", "Gateway", "Devices", "Analytics", "Pricing",
        };

        private static readonly string[] Entities =
        {
            "Order", "Customer", "Invoice", "Product", "Shipment", "Payment", "Account", "Subscription", "Ticket",
            "Employee", "Warehouse", "Supplier", "Contract", "Campaign", "Device", "Sensor", "Tenant", "Project",
            "Booking", "Reading", "Voucher", "Parcel", "Route", "Lead",
        };

        private static readonly string[] Words =
        {
            "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "gamma", "harbor", "island", "juniper", "kilo",
            "lima", "meadow", "north", "orbit", "pine", "quartz", "river", "summit", "tango", "umber", "valley",
        };

        /// <summary>Global usings every generated file relies on (the SDK's implicit usings of a web project, plus networking).</summary>
        public static readonly string[] GlobalUsings =
        {
            "System", "System.Collections.Concurrent", "System.Collections.Generic", "System.Globalization", "System.IO",
            "System.Linq", "System.Net", "System.Net.Http", "System.Net.Http.Json", "System.Net.Sockets", "System.Text",
            "System.Text.Json", "System.Text.RegularExpressions", "System.Threading", "System.Threading.Tasks",
            "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
            "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
            "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
        };

        /// <summary>The whole code base: the shared core file, the global usings file and <paramref name="moduleCount"/> modules.</summary>
        public static List<GeneratedFile> Generate(int moduleCount, int seed = DefaultSeed)
        {
            var files = new List<GeneratedFile> { UsingsFile(), CoreFile() };
            for (var i = 0; i < moduleCount; i++)
            {
                files.AddRange(Module(i, seed));
            }

            return files;
        }

        public static GeneratedFile UsingsFile()
        {
            var text = new StringBuilder();
            text.Append("// Global usings of the generated code base (as a web project's implicit usings).\n");
            foreach (var u in GlobalUsings)
            {
                text.Append("global using ").Append(u).Append(";\n");
            }

            return new GeneratedFile("GlobalUsings.cs", text.ToString());
        }

        /// <summary>Types shared by every module.</summary>
        public static GeneratedFile CoreFile() => new GeneratedFile("Core/Core.cs", """
            namespace Contoso.Core;

            /// <summary>Base type of every persisted entity.</summary>
            public abstract class Entity
            {
                public Guid Id { get; init; } = Guid.NewGuid();

                public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

                public DateTimeOffset? UpdatedAt { get; set; }

                public string CreatedBy { get; init; } = "system";

                public void Touch(TimeProvider clock) => UpdatedAt = clock.GetUtcNow();
            }

            /// <summary>The outcome of an operation that can fail with a message.</summary>
            public readonly record struct Result<T>(bool Success, T? Value, string? Error)
            {
                public static Result<T> Ok(T value) => new(true, value, null);

                public static Result<T> Fail(string error) => new(false, default, error);

                public Result<TOther> Map<TOther>(Func<T, TOther> map)
                    => Success && Value is not null ? Result<TOther>.Ok(map(Value)) : Result<TOther>.Fail(Error ?? "unknown error");
            }

            public sealed class PagedList<T>
            {
                public PagedList(IReadOnlyList<T> items, int page, int pageSize, int total)
                {
                    Items = items;
                    Page = page;
                    PageSize = pageSize;
                    Total = total;
                }

                public IReadOnlyList<T> Items { get; }

                public int Page { get; }

                public int PageSize { get; }

                public int Total { get; }

                public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;

                public bool HasNext => Page < PageCount;
            }

            public sealed class DomainException : Exception
            {
                public DomainException(string code, string message)
                    : base(message)
                {
                    Code = code;
                }

                public string Code { get; }
            }

            public interface IAuditSink
            {
                void Record(string category, string message, IReadOnlyDictionary<string, object?> properties);
            }

            public static class Guard
            {
                public static string NotEmpty(string? value, string name)
                    => string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} must not be empty", name) : value;

                public static int Positive(int value, string name)
                    => value <= 0 ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive") : value;
            }

            public static class Text
            {
                public static string Slug(string value)
                {
                    var builder = new StringBuilder(value.Length);
                    foreach (var c in value.Trim().ToLowerInvariant())
                    {
                        builder.Append(char.IsLetterOrDigit(c) ? c : '-');
                    }

                    return builder.ToString().Trim('-');
                }

                public static string Truncate(string value, int length) => value.Length <= length ? value : value.Substring(0, length) + "…";
            }

            """);

        /// <summary>Module <paramref name="index"/>: one C# file, and for some modules a configuration file too.</summary>
        public static IEnumerable<GeneratedFile> Module(int index, int seed = DefaultSeed)
        {
            var context = new Context(index, seed);
            yield return new GeneratedFile(context.Domain + "/M" + index.ToString("D4", CultureInfo.InvariantCulture) + "/" + context.Cls + ".cs", ModuleText(context));
            if (index % 40 == 17)
            {
                yield return new GeneratedFile(context.Domain + "/M" + index.ToString("D4", CultureInfo.InvariantCulture) + "/appsettings.json", AppSettings(context), isAdditional: true);
            }

            if (index % 120 == 61)
            {
                yield return new GeneratedFile(context.Domain + "/M" + index.ToString("D4", CultureInfo.InvariantCulture) + "/Dockerfile", Dockerfile(context), isAdditional: true);
            }
        }

        /// <summary>The names of the flagged patterns, in the order modules get them (module i, i % SprinkleEvery == 3).</summary>
        public static IReadOnlyList<string> FlaggedPatternNames
        {
            get
            {
                var names = new List<string>();
                foreach (var pattern in FlaggedPatterns)
                {
                    names.Add(pattern.Name);
                }

                return names;
            }
        }

        private static string ModuleText(Context c)
        {
            var kind = (ModuleKind)(c.Index % 9);
            var text = new StringBuilder(8192);
            text.Append("// ").Append(c.Domain).Append(" module ").Append(c.Index.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(kind).Append(".\n");
            text.Append("using Contoso.Core;\n\n");
            text.Append("namespace Contoso.").Append(c.Domain).Append(".M").Append(c.Index.ToString("D4", CultureInfo.InvariantCulture)).Append(";\n\n");
            text.Append(EntityTypes(c));
            text.Append('\n');
            text.Append("/// <summary>").Append(kind).Append(" for ").Append(c.E).Append(" records.</summary>\n");
            text.Append("public sealed class ").Append(c.Cls).Append('\n').Append("{\n");
            text.Append(Fields(c));

            var members = new List<string>();
            foreach (var template in KindTemplates(kind))
            {
                members.Add(template(c));
            }

            // Ordinary business methods, chosen per module.
            var count = 4 + c.Rng.Next(4);
            var start = c.Rng.Next(BusinessTemplates.Length);
            for (var k = 0; k < count; k++)
            {
                members.Add(BusinessTemplates[(start + (k * 5)) % BusinessTemplates.Length](c));
            }

            if (c.Index % SprinkleEvery == 3)
            {
                var pattern = FlaggedPatterns[(c.Index / SprinkleEvery) % FlaggedPatterns.Length];
                members.Insert(c.Rng.Next(members.Count + 1), pattern.Template(c));
            }

            if (c.Index % SprinkleEvery == 6)
            {
                members.Insert(c.Rng.Next(members.Count + 1), CorrectPatterns[(c.Index / SprinkleEvery) % CorrectPatterns.Length](c));
            }

            foreach (var member in members)
            {
                text.Append('\n').Append(member);
            }

            text.Append("}\n");
            return text.ToString();
        }

        private enum ModuleKind
        {
            Service,
            Repository,
            Endpoints,
            ApiClient,
            NetworkServer,
            NetworkClient,
            Hosting,
            Discovery,
            Parsing,
        }

        private static IEnumerable<Func<Context, string>> KindTemplates(ModuleKind kind)
        {
            switch (kind)
            {
                case ModuleKind.Service:
                    return new Func<Context, string>[] { ServiceCreate, ServiceApprove };
                case ModuleKind.Repository:
                    return new Func<Context, string>[] { RepositoryQuery, RepositoryUpsert };
                case ModuleKind.Endpoints:
                    return new Func<Context, string>[] { EndpointsMap, EndpointsPeer };
                case ModuleKind.ApiClient:
                    return new Func<Context, string>[] { ClientGet, ClientPost };
                case ModuleKind.NetworkServer:
                    return new Func<Context, string>[] { TcpServerCorrect, UdpReceiverCorrect };
                case ModuleKind.NetworkClient:
                    return new Func<Context, string>[] { TcpClientCorrect, SocketClientCorrect };
                case ModuleKind.Hosting:
                    return new Func<Context, string>[] { KestrelCorrect, HostBuilderCorrect };
                case ModuleKind.Discovery:
                    return new Func<Context, string>[] { DnsCorrect, EndpointTextCorrect };
                default:
                    return new Func<Context, string>[] { ParseRecords, FormatRecords };
            }
        }

        private static string EntityTypes(Context c) => $$"""
            public enum {{c.E}}Status
            {
                Draft,
                Submitted,
                Approved,
                Rejected,
                Archived,
            }

            /// <summary>A {{c.Ent.ToLowerInvariant()}} of the {{c.Domain.ToLowerInvariant()}} domain.</summary>
            public sealed class {{c.E}} : Entity
            {
                public string Name { get; set; } = string.Empty;

                public string Code { get; set; } = "{{c.Prefix}}-000000";

                public string Email { get; set; } = "";

                public string Region { get; set; } = "{{c.Word()}}";

                public decimal Amount { get; set; }

                public int Quantity { get; set; }

                public {{c.E}}Status Status { get; set; } = {{c.E}}Status.Draft;

                public List<string> Tags { get; } = new();

                public Dictionary<string, string> Attributes { get; } = new(StringComparer.OrdinalIgnoreCase);

                public override string ToString() => $"{{c.Ent}} {Code} ({Name}, {Status}, {Amount.ToString("0.00", CultureInfo.InvariantCulture)})";
            }

            public sealed record {{c.E}}Dto(Guid Id, string Name, string Code, decimal Amount, string Status, DateTimeOffset CreatedAt);

            public sealed record {{c.E}}Created(Guid Id, string Code, decimal Amount, DateTimeOffset At);

            """;

        private static string Fields(Context c) => $$"""
                private static readonly string[] KnownRegions = { "{{c.Word()}}", "{{c.Word()}}", "{{c.Word()}}", "{{c.Word()}}" };
                private readonly ConcurrentDictionary<Guid, {{c.E}}> _items = new();
                private readonly ILogger<{{c.Cls}}> _logger;
                private readonly TimeProvider _clock;
                private readonly HttpClient _http;
                private readonly IAuditSink? _audit;

                public {{c.Cls}}(ILogger<{{c.Cls}}> logger, TimeProvider clock, HttpClient http, IAuditSink? audit = null)
                {
                    _logger = logger;
                    _clock = clock;
                    _http = http;
                    _audit = audit;
                }

                public int Count => _items.Count;

            """;

        // ---- Kind-specific members (correct, everyday code) -------------------------------------------------------

        private static string ServiceCreate(Context c) => $$"""
                public async Task<Result<{{c.E}}>> CreateAsync(string name, decimal amount, int quantity, CancellationToken cancellationToken)
                {
                    if (string.IsNullOrWhiteSpace(name))
                    {
                        return Result<{{c.E}}>.Fail("The {{c.Ent.ToLowerInvariant()}} name is required.");
                    }

                    if (amount < 0 || amount > {{c.Rng.Next(1000, 100000)}}m)
                    {
                        return Result<{{c.E}}>.Fail($"Amount {amount} is outside the allowed range.");
                    }

                    var entity = new {{c.E}}
                    {
                        Name = name.Trim(),
                        Amount = Math.Round(amount, 2, MidpointRounding.ToEven),
                        Quantity = quantity,
                        Code = $"{{c.Prefix}}-{_items.Count + 1:D6}",
                        Region = KnownRegions[Math.Abs(name.GetHashCode()) % KnownRegions.Length],
                    };
                    entity.Tags.Add("new");
                    if (!_items.TryAdd(entity.Id, entity))
                    {
                        throw new DomainException("{{c.Prefix}}.duplicate", $"{{c.Ent}} {entity.Id} already exists");
                    }

                    await Task.Yield();
                    _logger.LogInformation("Created {{c.Ent.ToLowerInvariant()}} {Code} for {Amount}", entity.Code, entity.Amount);
                    _audit?.Record("{{c.Domain.ToLowerInvariant()}}", "created", new Dictionary<string, object?> { ["id"] = entity.Id, ["code"] = entity.Code });
                    return Result<{{c.E}}>.Ok(entity);
                }

            """;

        private static string ServiceApprove(Context c) => $$"""
                public Result<{{c.E}}> Transition(Guid id, {{c.E}}Status target)
                {
                    if (!_items.TryGetValue(id, out var entity))
                    {
                        return Result<{{c.E}}>.Fail($"{{c.Ent}} {id} was not found");
                    }

                    var allowed = (entity.Status, target) switch
                    {
                        ({{c.E}}Status.Draft, {{c.E}}Status.Submitted) => true,
                        ({{c.E}}Status.Submitted, {{c.E}}Status.Approved or {{c.E}}Status.Rejected) => true,
                        (_, {{c.E}}Status.Archived) => entity.Status != {{c.E}}Status.Draft,
                        _ => false,
                    };
                    if (!allowed)
                    {
                        _logger.LogWarning("Refused transition {From} -> {To} for {Code}", entity.Status, target, entity.Code);
                        return Result<{{c.E}}>.Fail($"Cannot move {entity.Code} from {entity.Status} to {target}");
                    }

                    entity.Status = target;
                    entity.Touch(_clock);
                    return Result<{{c.E}}>.Ok(entity);
                }

            """;

        private static string RepositoryQuery(Context c) => $$"""
                public PagedList<{{c.E}}Dto> Query(string? search, {{c.E}}Status? status, int page, int pageSize)
                {
                    Guard.Positive(page, nameof(page));
                    Guard.Positive(pageSize, nameof(pageSize));
                    IEnumerable<{{c.E}}> query = _items.Values;
                    if (!string.IsNullOrEmpty(search))
                    {
                        query = query.Where(x => x.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                            || x.Code.StartsWith(search, StringComparison.OrdinalIgnoreCase)
                            || x.Tags.Any(t => string.Equals(t, search, StringComparison.OrdinalIgnoreCase)));
                    }

                    if (status is { } s)
                    {
                        query = query.Where(x => x.Status == s);
                    }

                    var ordered = query.OrderByDescending(x => x.CreatedAt).ThenBy(x => x.Code, StringComparer.Ordinal).ToList();
                    var items = ordered
                        .Skip((page - 1) * pageSize)
                        .Take(pageSize)
                        .Select(x => new {{c.E}}Dto(x.Id, x.Name, x.Code, x.Amount, x.Status.ToString(), x.CreatedAt))
                        .ToList();
                    return new PagedList<{{c.E}}Dto>(items, page, pageSize, ordered.Count);
                }

            """;

        private static string RepositoryUpsert(Context c) => $$"""
                public {{c.E}} Upsert({{c.E}}Dto dto)
                {
                    var entity = _items.AddOrUpdate(
                        dto.Id,
                        _ => new {{c.E}} { Id = dto.Id, Name = dto.Name, Code = dto.Code, Amount = dto.Amount },
                        (_, existing) =>
                        {
                            existing.Name = dto.Name;
                            existing.Amount = dto.Amount;
                            existing.Touch(_clock);
                            return existing;
                        });
                    if (Enum.TryParse<{{c.E}}Status>(dto.Status, ignoreCase: true, out var status))
                    {
                        entity.Status = status;
                    }

                    _logger.LogDebug("Upserted {Id} as {Status}", entity.Id, entity.Status);
                    return entity;
                }

            """;

        private static string EndpointsMap(Context c) => $$"""
                public void Map(IEndpointRouteBuilder routes)
                {
                    var group = routes.MapGroup("/api/{{c.Domain.ToLowerInvariant()}}/{{c.Ent.ToLowerInvariant()}}s");
                    group.MapGet("/", (int? page) => Results.Ok(_items.Values.Skip(((page ?? 1) - 1) * 50).Take(50).Select(x => x.Code)));
                    group.MapGet("/{id:guid}", (Guid id) => _items.TryGetValue(id, out var found) ? Results.Ok(found.ToString()) : Results.NotFound());
                    group.MapPost("/", async (HttpRequest request, CancellationToken cancellationToken) =>
                    {
                        var dto = await request.ReadFromJsonAsync<{{c.E}}Dto>(cancellationToken);
                        if (dto is null)
                        {
                            return Results.BadRequest("A body is required.");
                        }

                        _items[dto.Id] = new {{c.E}} { Id = dto.Id, Name = dto.Name, Code = dto.Code, Amount = dto.Amount };
                        return Results.Created($"/api/{{c.Domain.ToLowerInvariant()}}/{{c.Ent.ToLowerInvariant()}}s/{dto.Id}", dto);
                    });
                    group.MapDelete("/{id:guid}", (Guid id) => _items.TryRemove(id, out _) ? Results.NoContent() : Results.NotFound());
                }

            """;

        private static string EndpointsPeer(Context c) => $$"""
                public bool IsInternalCaller(HttpContext context)
                {
                    var remote = context.Connection.RemoteIpAddress;
                    if (remote is null)
                    {
                        return false;
                    }

                    if (remote.IsIPv4MappedToIPv6)
                    {
                        remote = remote.MapToIPv4();
                    }

                    var caller = context.Request.Headers["X-Caller"].ToString();
                    _logger.LogDebug("Request {Path} from {Remote} ({Caller})", context.Request.Path, remote, caller);
                    return IPAddress.IsLoopback(remote) || caller.EndsWith(".{{c.Domain.ToLowerInvariant()}}.svc.cluster.local", StringComparison.OrdinalIgnoreCase);
                }

            """;

        private static string ClientGet(Context c) => $$"""
                public async Task<{{c.E}}Dto?> FetchAsync(Guid id, CancellationToken cancellationToken)
                {
                    using var response = await _http.GetAsync($"api/{{c.Domain.ToLowerInvariant()}}/{{c.Ent.ToLowerInvariant()}}s/{id}?include=tags", cancellationToken);
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        return null;
                    }

                    response.EnsureSuccessStatusCode();
                    var dto = await response.Content.ReadFromJsonAsync<{{c.E}}Dto>(cancellationToken: cancellationToken);
                    _logger.LogInformation("Fetched {Id} from {Base}", id, _http.BaseAddress);
                    return dto;
                }

            """;

        private static string ClientPost(Context c) => $$"""
                public async Task<bool> PushAsync(IEnumerable<{{c.E}}> batch, CancellationToken cancellationToken)
                {
                    var payload = batch.Select(x => new {{c.E}}Dto(x.Id, x.Name, x.Code, x.Amount, x.Status.ToString(), x.CreatedAt)).ToArray();
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("https://{{c.Ent.ToLowerInvariant()}}-api.{{c.Word()}}.example.com/v2/batch"))
                    {
                        Content = JsonContent.Create(payload),
                    };
                    request.Headers.Add("X-Request-Id", Guid.NewGuid().ToString("N"));
                    using var response = await _http.SendAsync(request, cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        var body = await response.Content.ReadAsStringAsync(cancellationToken);
                        _logger.LogError("Push of {Count} items failed: {Status} {Body}", payload.Length, (int)response.StatusCode, body);
                        return false;
                    }

                    return true;
                }

            """;

        private static string TcpServerCorrect(Context c) => $$"""
                public async Task ServeAsync(int port, CancellationToken cancellationToken)
                {
                    var listener = TcpListener.Create(port);
                    listener.Start();
                    _logger.LogInformation("{{c.Ent}} feed listening on {Endpoint}", listener.LocalEndpoint);
                    try
                    {
                        while (!cancellationToken.IsCancellationRequested)
                        {
                            using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                            using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
                            var line = await reader.ReadLineAsync(cancellationToken);
                            if (line is null)
                            {
                                continue;
                            }

                            var parts = line.Split(';', StringSplitOptions.TrimEntries);
                            if (parts.Length >= 2 && decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                            {
                                var entity = new {{c.E}} { Name = parts[0], Amount = amount };
                                _items[entity.Id] = entity;
                            }
                        }
                    }
                    finally
                    {
                        listener.Stop();
                    }
                }

            """;

        private static string UdpReceiverCorrect(Context c) => $$"""
                public async Task ReceiveReadingsAsync(int port, CancellationToken cancellationToken)
                {
                    using var socket = new Socket(SocketType.Dgram, ProtocolType.Udp);
                    socket.Bind(new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
                    var buffer = new byte[2048];
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.IPv6Any, 0), cancellationToken);
                        var text = Encoding.UTF8.GetString(buffer, 0, received.ReceivedBytes);
                        _logger.LogTrace("Datagram from {Remote}: {Text}", received.RemoteEndPoint, text);
                    }
                }

            """;

        private static string TcpClientCorrect(Context c) => $$"""
                public async Task<string> QueryRemoteAsync(string host, int port, CancellationToken cancellationToken)
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(host, port, cancellationToken);
                    await using var stream = client.GetStream();
                    var request = Encoding.ASCII.GetBytes($"STATUS {{c.Prefix}} {DateTime.UtcNow:O}\r\n");
                    await stream.WriteAsync(request, cancellationToken);
                    using var reader = new StreamReader(stream, Encoding.ASCII);
                    var status = await reader.ReadLineAsync(cancellationToken) ?? string.Empty;
                    _logger.LogInformation("Remote {Host}:{Port} answered {Status}", host, port, status);
                    return status;
                }

            """;

        private static string SocketClientCorrect(Context c) => $$"""
                public async Task<int> SendFrameAsync(string host, int port, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
                {
                    using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    socket.NoDelay = true;
                    await socket.ConnectAsync(host, port, cancellationToken);
                    var sent = await socket.SendAsync(frame, SocketFlags.None, cancellationToken);
                    _logger.LogDebug("Sent {Bytes} bytes to {Remote}", sent, socket.RemoteEndPoint);
                    return sent;
                }

            """;

        private static string KestrelCorrect(Context c) => $$"""
                public static WebApplication Build{{c.Cls}}Host(string[] args, int port)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.WebHost.ConfigureKestrel(options =>
                    {
                        options.ListenAnyIP(port);
                        options.ListenAnyIP(port + 1, listen => listen.UseHttps());
                        options.Limits.MaxRequestBodySize = {{c.Rng.Next(1, 64)}} * 1024 * 1024;
                        options.AddServerHeader = false;
                    });
                    builder.Services.AddSingleton(TimeProvider.System);
                    var app = builder.Build();
                    app.MapGet("/healthz", () => Results.Ok(new { status = "ok", service = "{{c.Domain.ToLowerInvariant()}}" }));
                    return app;
                }

            """;

        private static string HostBuilderCorrect(Context c) => $$"""
                public static IHostBuilder Create{{c.Cls}}Builder(string[] args) => Host.CreateDefaultBuilder(args)
                    .ConfigureWebHostDefaults(web =>
                    {
                        web.UseUrls("http://*:{{c.Rng.Next(5000, 9000)}}", "http://localhost:{{c.Rng.Next(9000, 9999)}}");
                        web.Configure(app => app.Run(context => context.Response.WriteAsync("{{c.Domain}} ready")));
                    });

            """;

        private static string DnsCorrect(Context c) => $$"""
                public async Task<IReadOnlyList<IPAddress>> ResolvePeersAsync(string service, CancellationToken cancellationToken)
                {
                    var host = $"{service}.{{c.Domain.ToLowerInvariant()}}.svc.cluster.local";
                    var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
                    var ordered = addresses
                        .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                        .OrderBy(a => a.AddressFamily == AddressFamily.InterNetworkV6 ? 0 : 1)
                        .ToList();
                    _logger.LogInformation("Resolved {Host} to {Count} addresses", host, ordered.Count);
                    return ordered;
                }

            """;

        private static string EndpointTextCorrect(Context c) => $$"""
                public Uri BuildPeerUri(IPAddress address, int port, string path)
                {
                    var endpoint = new IPEndPoint(address, port).ToString();
                    _logger.LogDebug("Peer endpoint {Endpoint}", endpoint);
                    return new UriBuilder(Uri.UriSchemeHttp, address.ToString(), port, path).Uri;
                }

            """;

        private static string ParseRecords(Context c) => $$"""
                public IReadOnlyList<{{c.E}}> ImportCsv(string csv)
                {
                    var result = new List<{{c.E}}>();
                    var lineNumber = 0;
                    foreach (var raw in csv.Split('\n'))
                    {
                        lineNumber++;
                        var line = raw.TrimEnd('\r');
                        if (line.Length == 0 || line.StartsWith('#'))
                        {
                            continue;
                        }

                        var cells = line.Split(',');
                        if (cells.Length < 4)
                        {
                            _logger.LogWarning("Line {Line}: expected 4 cells, got {Count}", lineNumber, cells.Length);
                            continue;
                        }

                        if (!decimal.TryParse(cells[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                            || !int.TryParse(cells[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var quantity))
                        {
                            throw new FormatException($"Line {lineNumber}: '{line}' is not a valid {{c.Ent.ToLowerInvariant()}} row");
                        }

                        result.Add(new {{c.E}} { Name = cells[0].Trim('"'), Code = cells[1], Amount = amount, Quantity = quantity });
                    }

                    return result;
                }

            """;

        private static string FormatRecords(Context c) => $$"""
                public string ExportCsv()
                {
                    var builder = new StringBuilder();
                    builder.AppendLine("name,code,amount,quantity,status,created");
                    foreach (var item in _items.Values.OrderBy(x => x.Code, StringComparer.Ordinal))
                    {
                        var name = item.Name.Contains(',') ? "\"" + item.Name.Replace("\"", "\"\"") + "\"" : item.Name;
                        builder.Append(name).Append(',')
                            .Append(item.Code).Append(',')
                            .Append(item.Amount.ToString(CultureInfo.InvariantCulture)).Append(',')
                            .Append(item.Quantity.ToString(CultureInfo.InvariantCulture)).Append(',')
                            .Append(item.Status).Append(',')
                            .AppendLine(item.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                    }

                    return builder.ToString();
                }

            """;

        // ---- Ordinary business members ----------------------------------------------------------------------------

        private static readonly Func<Context, string>[] BusinessTemplates =
        {
            c => $$"""
                public IReadOnlyList<{{c.E}}> Top{{c.N()}}(int count, decimal threshold)
                    => _items.Values
                        .Where(x => x.Status == {{c.E}}Status.Approved && x.Amount > threshold)
                        .OrderByDescending(x => x.Amount)
                        .ThenBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
                        .Take(count)
                        .ToList();

            """,
            c => $$"""
                public string Summary{{c.N()}}()
                {
                    var builder = new StringBuilder();
                    builder.AppendLine($"{{c.Ent}} summary at {_clock.GetUtcNow():u}");
                    foreach (var group in _items.Values.GroupBy(x => x.Status).OrderBy(g => g.Key))
                    {
                        var total = group.Sum(x => x.Amount);
                        var average = group.Any() ? group.Average(x => x.Amount) : 0m;
                        builder.AppendLine($"  {group.Key,-10} {group.Count(),5} {total,12:N2} {average,10:N2}");
                    }

                    builder.Append("regions: ").AppendJoin(", ", _items.Values.Select(x => x.Region).Distinct().OrderBy(r => r));
                    return builder.ToString();
                }

            """,
            c => $$"""
                public IList<string> Validate{{c.N()}}({{c.E}} entity)
                {
                    var errors = new List<string>();
                    if (string.IsNullOrWhiteSpace(entity.Name))
                    {
                        errors.Add("Name is required.");
                    }
                    else if (entity.Name.Length > {{c.Rng.Next(40, 200)}})
                    {
                        errors.Add($"Name must be at most {{c.Rng.Next(40, 200)}} characters, was {entity.Name.Length}.");
                    }

                    if (!string.IsNullOrEmpty(entity.Email) && !Regex.IsMatch(entity.Email, @"^[^@\s]+@[^@\s]+\.[^@\s]+$"))
                    {
                        errors.Add($"'{entity.Email}' is not an e-mail address.");
                    }

                    if (!entity.Code.StartsWith("{{c.Prefix}}-", StringComparison.Ordinal))
                    {
                        errors.Add("Code must start with {{c.Prefix}}-.");
                    }

                    if (entity.Quantity < 0)
                    {
                        errors.Add("Quantity must not be negative.");
                    }

                    return errors;
                }

            """,
            c => $$"""
                public async Task<int> ProcessPending{{c.N()}}Async(Func<{{c.E}}, CancellationToken, Task> handler, CancellationToken cancellationToken)
                {
                    var processed = 0;
                    foreach (var item in _items.Values.Where(x => x.Status == {{c.E}}Status.Submitted).ToList())
                    {
                        for (var attempt = 1; attempt <= 3; attempt++)
                        {
                            try
                            {
                                await handler(item, cancellationToken);
                                processed++;
                                break;
                            }
                            catch (HttpRequestException ex) when (attempt < 3)
                            {
                                _logger.LogWarning(ex, "Attempt {Attempt} failed for {Code}", attempt, item.Code);
                                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
                            }
                        }
                    }

                    return processed;
                }

            """,
            c => $$"""
                public static string Describe{{c.N()}}({{c.E}}Status status) => status switch
                {
                    {{c.E}}Status.Draft => "Draft — not yet submitted",
                    {{c.E}}Status.Submitted => "Waiting for approval",
                    {{c.E}}Status.Approved => "Approved",
                    {{c.E}}Status.Rejected => "Rejected by a reviewer",
                    {{c.E}}Status.Archived => "Archived",
                    _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown status"),
                };

            """,
            c => $$"""
                public (int Count, decimal Total, decimal Max) Last{{c.N()}}Days(int days)
                {
                    var since = _clock.GetUtcNow().AddDays(-days);
                    var recent = _items.Values.Where(x => x.CreatedAt >= since && x.Status != {{c.E}}Status.Rejected).ToArray();
                    return recent.Length == 0
                        ? (0, 0m, 0m)
                        : (recent.Length, recent.Sum(x => x.Amount), recent.Max(x => x.Amount));
                }

            """,
            c => $$"""
                public string ToJson{{c.N()}}(Guid id)
                {
                    if (!_items.TryGetValue(id, out var entity))
                    {
                        throw new KeyNotFoundException($"No {{c.Ent.ToLowerInvariant()}} with id {id}");
                    }

                    var dto = new {{c.E}}Dto(entity.Id, entity.Name, entity.Code, entity.Amount, entity.Status.ToString(), entity.CreatedAt);
                    return JsonSerializer.Serialize(dto, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
                }

            """,
            c => $$"""
                public Dictionary<string, int> TagHistogram{{c.N()}}()
                    => _items.Values
                        .SelectMany(x => x.Tags)
                        .GroupBy(t => t.ToLowerInvariant())
                        .OrderByDescending(g => g.Count())
                        .ThenBy(g => g.Key)
                        .ToDictionary(g => g.Key, g => g.Count());

            """,
            c => $$"""
                public string NextCode{{c.N()}}(string prefix, int sequence)
                {
                    var year = _clock.GetUtcNow().Year.ToString(CultureInfo.InvariantCulture);
                    var code = string.Format(CultureInfo.InvariantCulture, "{0}-{1}-{2:D6}", prefix.ToUpperInvariant(), year, sequence);
                    return code.Length > 24 ? code.Substring(0, 24) : code;
                }

            """,
            c => $$"""
                public void Apply{{c.N()}}(object evt)
                {
                    switch (evt)
                    {
                        case {{c.E}}Created { Amount: > 10000m } large:
                            _logger.LogWarning("Large {{c.Ent.ToLowerInvariant()}} {Code}: {Amount}", large.Code, large.Amount);
                            break;
                        case {{c.E}}Created created:
                            _items.TryAdd(created.Id, new {{c.E}} { Id = created.Id, Code = created.Code, Amount = created.Amount });
                            break;
                        case string text when text.StartsWith("reset:", StringComparison.Ordinal):
                            _items.Clear();
                            break;
                        default:
                            _logger.LogDebug("Ignored event {Type}", evt.GetType().Name);
                            break;
                    }
                }

            """,
            c => $$"""
                public IEnumerable<{{c.E}}Dto> Page{{c.N()}}(int page, int size)
                {
                    foreach (var item in _items.Values.OrderBy(x => x.CreatedAt).Skip(page * size).Take(size))
                    {
                        yield return new {{c.E}}Dto(item.Id, item.Name, item.Code, item.Amount, item.Status.ToString(), item.CreatedAt);
                    }
                }

            """,
            c => $$"""
                public decimal PriceWithTax{{c.N()}}({{c.E}} entity, string country)
                {
                    var rate = country.ToUpperInvariant() switch
                    {
                        "DE" => 0.19m,
                        "FR" => 0.20m,
                        "NL" => 0.21m,
                        "CH" => 0.081m,
                        "US" => 0m,
                        _ => 0.15m,
                    };
                    var net = entity.Amount * entity.Quantity;
                    return Math.Round(net * (1 + rate), 2, MidpointRounding.AwayFromZero);
                }

            """,
            c => $$"""
                public async Task<string?> LoadTemplate{{c.N()}}Async(string name, CancellationToken cancellationToken)
                {
                    var path = Path.Combine(AppContext.BaseDirectory, "templates", "{{c.Domain.ToLowerInvariant()}}", name + ".txt");
                    if (!File.Exists(path))
                    {
                        _logger.LogWarning("Template {Name} not found at {Path}", name, path);
                        return null;
                    }

                    var text = await File.ReadAllTextAsync(path, cancellationToken);
                    return text.Replace("{company}", "Contoso", StringComparison.Ordinal).Replace("{year}", DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                }

            """,
            c => $$"""
                public bool Matches{{c.N()}}({{c.E}} entity, string filter)
                {
                    if (string.IsNullOrEmpty(filter))
                    {
                        return true;
                    }

                    var terms = filter.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    return terms.All(term =>
                        term.StartsWith("tag:", StringComparison.OrdinalIgnoreCase) ? entity.Tags.Contains(term.Substring(4), StringComparer.OrdinalIgnoreCase)
                        : term.StartsWith("region:", StringComparison.OrdinalIgnoreCase) ? string.Equals(entity.Region, term.Substring(7), StringComparison.OrdinalIgnoreCase)
                        : entity.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || entity.Code.Contains(term, StringComparison.OrdinalIgnoreCase));
                }

            """,
            c => $$"""
                public string Mask{{c.N()}}(string email)
                {
                    var at = email.IndexOf('@');
                    if (at <= 1)
                    {
                        return "***";
                    }

                    return email[0] + new string('*', at - 1) + email.Substring(at);
                }

            """,
            c => $$"""
                public Version ClientVersion{{c.N()}}(HttpResponseMessage response)
                {
                    var header = response.Headers.TryGetValues("X-Api-Version", out var values) ? values.FirstOrDefault() : null;
                    return Version.TryParse(header ?? "{{c.Rng.Next(1, 9)}}.{{c.Rng.Next(0, 20)}}.{{c.Rng.Next(0, 99)}}.{{c.Rng.Next(0, 9999)}}", out var version) ? version : new Version(1, 0);
                }

            """,
            c => $$"""
                public async IAsyncEnumerable<{{c.E}}> Stream{{c.N()}}Async([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
                {
                    foreach (var item in _items.Values)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (item.Status is {{c.E}}Status.Approved or {{c.E}}Status.Submitted)
                        {
                            await Task.Yield();
                            yield return item;
                        }
                    }
                }

            """,
            c => $$"""
                public Dictionary<string, string> Headers{{c.N()}}(string tenant, string correlationId) => new(StringComparer.OrdinalIgnoreCase)
                {
                    ["X-Tenant"] = tenant,
                    ["X-Correlation-Id"] = correlationId,
                    ["X-Source"] = "{{c.Domain.ToLowerInvariant()}}-{{c.Ent.ToLowerInvariant()}}",
                    ["Accept"] = "application/json",
                    ["User-Agent"] = $"Contoso.{{c.Domain}}/{typeof({{c.Cls}}).Assembly.GetName().Version}",
                };

            """,
        };

        // ---- Dual-stack-correct counterparts of flagged forms (must stay silent) ----------------------------------

        private static readonly Func<Context, string>[] CorrectPatterns =
        {
            c => $$"""
                public Socket OpenDualSocket{{c.N()}}(int port)
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    socket.Bind(new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
                    socket.Listen(128);
                    return socket;
                }

            """,
            c => $$"""
                public TcpListener OpenGuarded{{c.N()}}(int port)
                {
                    if (!Socket.OSSupportsIPv6)
                    {
                        var v4 = new TcpListener(IPAddress.Any, port);
                        v4.Start();
                        return v4;
                    }

                    var listener = TcpListener.Create(port);
                    listener.Start();
                    return listener;
                }

            """,
            c => $$"""
                public static bool IsTrustedPeer{{c.N()}}(IPAddress? remote)
                {
                    if (remote is null)
                    {
                        return false;
                    }

                    var normalised = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
                    return IPAddress.IsLoopback(normalised);
                }

            """,
            c => $$"""
                public static readonly string[] PublicDns{{c.N()}} = { "8.8.8.8", "2001:4860:4860::8888" };

                public static readonly Version Protocol{{c.N()}} = new Version("{{c.Rng.Next(1, 5)}}.{{c.Rng.Next(0, 9)}}.{{c.Rng.Next(0, 9)}}.{{c.Rng.Next(0, 99)}}");

                public const string SubjectOid{{c.N()}} = "2.5.4.3";

            """,
            c => $$"""
                public static bool TryParseEndpoint{{c.N()}}(string text, out IPEndPoint? endpoint) => IPEndPoint.TryParse(text, out endpoint);

            """,
            c => $$"""
                public string DescribeEndpoint{{c.N()}}(IPAddress address, int port)
                {
                    var text = new IPEndPoint(address, port).ToString();
                    _logger.LogInformation("Connecting to {Endpoint}", text);
                    return text;
                }

            """,
        };

        // ---- Flagged patterns (one per rule form in rules.md) -----------------------------------------------------

        private sealed class Pattern
        {
            public Pattern(string name, Func<Context, string> template)
            {
                Name = name;
                Template = template;
            }

            public string Name { get; }

            public Func<Context, string> Template { get; }
        }

        private static readonly Pattern[] FlaggedPatterns =
        {
            new Pattern("DS0001 TcpListener(Any)", c => $$"""
                public TcpListener OpenFeed{{c.N()}}(int port)
                {
                    var listener = new TcpListener(IPAddress.Any, port);
                    listener.Start();
                    return listener;
                }

            """),
            new Pattern("DS0001 Socket.Bind(Any)", c => $$"""
                public void BindMetrics{{c.N()}}(Socket socket, int port)
                {
                    socket.Bind(new IPEndPoint(IPAddress.Any, port));
                    socket.Listen(64);
                }

            """),
            new Pattern("DS0001 UdpClient(IPEndPoint(Any))", c => $$"""
                public UdpClient OpenStatsd{{c.N()}}(int port) => new UdpClient(new IPEndPoint(IPAddress.Any, port));

            """),
            new Pattern("DS0001 Kestrel Listen(Any)", c => $$"""
                public static void ConfigureKestrel{{c.N()}}(WebApplicationBuilder builder, int port)
                {
                    builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Any, port));
                }

            """),
            new Pattern("DS0001 field Any", c => $$"""
                private static readonly IPAddress BindAddress{{c.N()}} = IPAddress.Any;

                public TcpListener OpenAdmin{{c.Last}}(int port) => new TcpListener(BindAddress{{c.Last}}, port);

            """),
            new Pattern("DS0002 UseUrls 0.0.0.0", c => $$"""
                public static void UseWildcardUrls{{c.N()}}(IWebHostBuilder web) => web.UseUrls("http://0.0.0.0:{{c.Rng.Next(5000, 9000)}}");

            """),
            new Pattern("DS0002 app.Urls.Add", c => $$"""
                public static void AddUrl{{c.N()}}(WebApplication app, int port) => app.Urls.Add($"http://0.0.0.0:{port}");

            """),
            new Pattern("DS0003 TcpListener(IPv6Any)", c => $$"""
                public TcpListener OpenV6{{c.N()}}(int port)
                {
                    var listener = new TcpListener(IPAddress.IPv6Any, port);
                    listener.Start();
                    return listener;
                }

            """),
            new Pattern("DS0004 TcpListener(Loopback)", c => $$"""
                public TcpListener OpenLocalAdmin{{c.N()}}(int port)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return listener;
                }

            """),
            new Pattern("DS0004 URL 127.0.0.1", c => $$"""
                public static void UseLocalUrls{{c.N()}}(IWebHostBuilder web) => web.UseUrls("http://127.0.0.1:{{c.Rng.Next(5000, 9000)}}");

            """),
            new Pattern("DS0005 HttpListener prefix", c => $$"""
                public HttpListener OpenHttpListener{{c.N()}}(int port)
                {
                    var listener = new HttpListener();
                    listener.Prefixes.Add($"http://+:{port}/{{c.Ent.ToLowerInvariant()}}/");
                    listener.Start();
                    return listener;
                }

            """),
            new Pattern("DS0006 Kestrel Listen(IPv6Any)", c => $$"""
                public static void ConfigureV6{{c.N()}}(WebApplicationBuilder builder)
                {
                    builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.IPv6Any, {{c.Rng.Next(5000, 9000)}}));
                }

            """),
            new Pattern("DS0006 URL [::]", c => $$"""
                public static void UseV6Urls{{c.N()}}(IWebHostBuilder web) => web.UseUrls("http://[::]:{{c.Rng.Next(5000, 9000)}}");

            """),
            new Pattern("DS0010 Socket(InterNetwork)", c => $$"""
                public async Task ConnectRaw{{c.N()}}Async(string host, int port, CancellationToken cancellationToken)
                {
                    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(host, port, cancellationToken);
                    await socket.SendAsync(Encoding.ASCII.GetBytes("PING\r\n"), SocketFlags.None, cancellationToken);
                }

            """),
            new Pattern("DS0010 UdpClient()", c => $$"""
                public async Task SendMetric{{c.N()}}Async(string host, int port, string metric)
                {
                    using var udp = new UdpClient();
                    var payload = Encoding.UTF8.GetBytes(metric + ":1|c");
                    await udp.SendAsync(payload, payload.Length, host, port);
                }

            """),
            new Pattern("DS0010 TcpClient(InterNetwork)", c => $$"""
                public TcpClient CreateClient{{c.N()}}() => new TcpClient(AddressFamily.InterNetwork);

            """),
            new Pattern("DS0011 filter InterNetwork", c => $$"""
                public async Task<IPAddress> ResolveV4{{c.N()}}Async(string host)
                {
                    var addresses = await Dns.GetHostAddressesAsync(host);
                    return addresses.First(a => a.AddressFamily == AddressFamily.InterNetwork);
                }

            """),
            new Pattern("DS0011 Connect(Dns[0])", c => $$"""
                public void ConnectFirst{{c.N()}}(Socket socket, string host, int port)
                {
                    socket.Connect(Dns.GetHostAddresses(host)[0], port);
                }

            """),
            new Pattern("DS0012 IPAddress.Address", c => $$"""
                public static long ToNumber{{c.N()}}(IPAddress address)
                {
            #pragma warning disable CS0618
                    return address.Address;
            #pragma warning restore CS0618
                }

            """),
            new Pattern("DS0012 BitConverter(GetAddressBytes)", c => $$"""
                public static uint Hash{{c.N()}}(IPAddress address) => BitConverter.ToUInt32(address.GetAddressBytes(), 0);

            """),
            new Pattern("DS0013 EnableBroadcast on dual socket", c => $$"""
                public void Announce{{c.N()}}(int port, byte[] payload)
                {
                    using var udp = new UdpClient(AddressFamily.InterNetworkV6);
                    udp.Client.DualMode = true;
                    udp.EnableBroadcast = true;
                    udp.Send(payload, payload.Length, new IPEndPoint(IPAddress.Broadcast, port));
                }

            """),
            new Pattern("DS0014 DisableIPv6 switch", c => $$"""
                public static void DisableV6{{c.N()}}() => AppContext.SetSwitch("System.Net.DisableIPv6", true);

            """),
            new Pattern("DS0015 TryParse && InterNetwork", c => $$"""
                public static bool IsValidAddress{{c.N()}}(string text)
                    => IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork;

            """),
            new Pattern("DS0015 dotted-quad regex", c => $$"""
                private static readonly Regex HostPattern{{c.N()}} = new Regex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$");

                public static bool IsHostAddress{{c.Last}}(string host) => HostPattern{{c.Last}}.IsMatch(host);

            """),
            new Pattern("DS0020 hard-coded address", c => $$"""
                public Uri InventoryEndpoint{{c.N()}} { get; } = new Uri("http://10.{{c.Rng.Next(0, 255)}}.{{c.Rng.Next(0, 255)}}.{{c.Rng.Next(1, 254)}}:8080/api/");

            """),
            new Pattern("DS0020 connection string host", c => $$"""
                public const string ConnectionString{{c.N()}} = "Server=172.{{c.Rng.Next(16, 31)}}.{{c.Rng.Next(0, 255)}}.{{c.Rng.Next(1, 254)}};Database={{c.Domain}};User Id=app;Password=secret;";

            """),
            new Pattern("DS0020 IPAddress.Parse", c => $$"""
                public static IPAddress Gateway{{c.N()}}() => IPAddress.Parse("192.168.{{c.Rng.Next(0, 255)}}.{{c.Rng.Next(1, 254)}}");

            """),
            new Pattern("DS0021 loopback URL", c => $$"""
                public Task<string> LocalHealth{{c.N()}}Async() => _http.GetStringAsync("http://127.0.0.1:{{c.Rng.Next(5000, 9000)}}/healthz");

            """),
            new Pattern("DS0021 Loopback client", c => $$"""
                public void ConnectLocal{{c.N()}}(TcpClient client) => client.Connect(IPAddress.Loopback, {{c.Rng.Next(5000, 9000)}});

            """),
            new Pattern("DS0030 host:port interpolation", c => $$"""
                public Uri PeerUri{{c.N()}}(IPAddress address, int port) => new Uri($"http://{address}:{port}/{{c.Ent.ToLowerInvariant()}}s");

            """),
            new Pattern("DS0030 concatenation", c => $$"""
                public string PeerKey{{c.N()}}(IPEndPoint endpoint) => endpoint.Address + ":" + endpoint.Port;

            """),
            new Pattern("DS0031 Split(':')", c => $$"""
                public static int PortOf{{c.N()}}(string endpoint)
                {
                    var parts = endpoint.Split(':');
                    return int.Parse(parts[1], CultureInfo.InvariantCulture);
                }

            """),
            new Pattern("DS0040 peer compared as text", c => $$"""
                public static bool IsLocalCaller{{c.N()}}(HttpContext context)
                    => context.Connection.RemoteIpAddress?.ToString() == "127.0.0.1";

            """),
            new Pattern("DS0040 peer Equals(Loopback)", c => $$"""
                public static bool IsLoopbackPeer{{c.N()}}(Socket socket)
                    => socket.RemoteEndPoint is IPEndPoint remote && remote.Address.Equals(IPAddress.Loopback);

            """),
            new Pattern("DS0041 KnownProxies IPv4 only", c => $$"""
                public static void ConfigureProxies{{c.N()}}(IServiceCollection services)
                {
                    services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(options =>
                    {
                        options.KnownProxies.Add(IPAddress.Parse("10.{{c.Rng.Next(0, 255)}}.0.1"));
                    });
                }

            """),
        };

        // ---- Configuration files (AdditionalFiles) ----------------------------------------------------------------

        private static string AppSettings(Context c)
        {
            var url = c.Index % 80 == 17 ? "http://0.0.0.0:8080" : "http://*:8080";
            return $$"""
                {
                  "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } },
                  "AllowedHosts": "*",
                  "Urls": "{{url}}",
                  "ConnectionStrings": { "Main": "Host=db.{{c.Domain.ToLowerInvariant()}}.svc.cluster.local;Database={{c.Domain.ToLowerInvariant()}}" },
                  "{{c.Domain}}": { "PageSize": 50, "Region": "{{c.Word()}}", "Upstream": "http://{{c.Ent.ToLowerInvariant()}}-api:5000" }
                }

                """;
        }

        private static string Dockerfile(Context c) => $$"""
            FROM mcr.microsoft.com/dotnet/aspnet:10.0
            WORKDIR /app
            COPY . .
            ENV ASPNETCORE_URLS=http://+:8080
            EXPOSE 8080
            ENTRYPOINT ["dotnet", "Contoso.{{c.Domain}}.dll"]

            """;

        /// <summary>Per-module naming and randomness.</summary>
        private sealed class Context
        {
            private int counter;

            public Context(int index, int seed)
            {
                Index = index;
                Rng = new Random(unchecked((seed * 7919) + index));
                Domain = Domains[index % Domains.Length];
                Ent = Entities[(index / Domains.Length) % Entities.Length];
                E = Ent + index.ToString(CultureInfo.InvariantCulture);
                var suffix = ((ModuleKind)(index % 9)) switch
                {
                    ModuleKind.Service => "Service",
                    ModuleKind.Repository => "Repository",
                    ModuleKind.Endpoints => "Endpoints",
                    ModuleKind.ApiClient => "ApiClient",
                    ModuleKind.NetworkServer => "FeedServer",
                    ModuleKind.NetworkClient => "RemoteClient",
                    ModuleKind.Hosting => "Host",
                    ModuleKind.Discovery => "Discovery",
                    _ => "Importer",
                };
                Cls = E + suffix;
                Prefix = Ent.Substring(0, 3).ToUpperInvariant();
            }

            public int Index { get; }

            public Random Rng { get; }

            public string Domain { get; }

            /// <summary>The entity word, e.g. Order.</summary>
            public string Ent { get; }

            /// <summary>The entity type of this module, e.g. Order42.</summary>
            public string E { get; }

            /// <summary>The main class of this module.</summary>
            public string Cls { get; }

            public string Prefix { get; }

            /// <summary>A fresh member-name suffix, unique in the module.</summary>
            public string N() => (++counter).ToString(CultureInfo.InvariantCulture);

            /// <summary>The suffix <see cref="N"/> returned last (a name used twice in one member).</summary>
            public string Last => counter.ToString(CultureInfo.InvariantCulture);

            public string Word() => Words[Rng.Next(Words.Length)];
        }
    }
}
