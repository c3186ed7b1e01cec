using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Tests.Api;

namespace Monitor.Tests.ForOtherTools;

/// <summary>The OpenAPI document against the routes the server really maps, and its reference page, CDN-free.</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_document_describes_every_API_route_and_method_the_server_maps_and_no_other()
    {
        var document = await _host.Reader.GetJson("/openapi/v1.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var described = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(op => op.Name is "get" or "post" or "delete" or "put")
                .Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Where(IsApi).Order().ToList();

        var mapped = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method =>
                $"{method} {Regex.Replace("/" + e.RoutePattern.RawText!.TrimStart('/'), @"\{(\w+):[^}]+\}", "{$1}")}"))
            .Where(IsApi).Order().ToList();

        Assert.True(mapped.Count >= 15, $"Only {mapped.Count} routes found: {string.Join(", ", mapped)}");
        Assert.Equal(mapped, described);
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("analystKey", out var scheme));
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Theory]
    [InlineData("/api/channels", "get", "200 400")]
    [InlineData("/api/channels/{id}/timeline", "get", "200 400 404")]
    [InlineData("/api/developments/{id}", "get", "200 404")]
    [InlineData("/api/developments", "post", "200 201 400 409")]
    [InlineData("/api/subscriptions/{id}", "delete", "204 404")]
    public async Task The_document_gives_each_answer_an_endpoint_can_make(string path, string method, string statuses)
    {
        var document = await _host.Reader.GetJson("/openapi/v1.json");
        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        Assert.Equal(statuses, string.Join(' ', responses.EnumerateObject().Select(r => r.Name).Order()));
        if (responses.TryGetProperty("200", out var ok) && ok.TryGetProperty("content", out var content))
            Assert.True(content.GetProperty("application/json").TryGetProperty("schema", out _), "the answer's shape is described");
    }

    private static bool IsApi(string route) => route.Split(' ')[1] is var path && (path.StartsWith("/api/") || path.StartsWith("/feeds/"));

    [Fact]
    public async Task The_reference_page_loads_its_script_from_this_server_not_a_CDN()
    {
        var page = await (await _host.Reader.GetAsync("/api-reference/")).Content.ReadAsStringAsync();
        var scripts = Regex.Matches(page, @"<script[^>]*\ssrc=""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.False(Uri.TryCreate(script, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http"), $"{script} is fetched from elsewhere.");
            var response = await _host.Reader.GetAsync(new Uri(new Uri(_host.Reader.BaseAddress!, "/api-reference/"), script));
            Assert.True(response.IsSuccessStatusCode, $"{script}: {(int)response.StatusCode}");
        }
    }
}
