using System.Text.Json.Nodes;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// One request the simulated Graph received. <see cref="Path"/> is the Graph path as it would be on
/// graph.microsoft.com (<c>/v1.0/users/…</c>), <see cref="Query"/> the raw query string without the
/// leading <c>?</c>, <see cref="Body"/> the parsed JSON body (null when empty or not JSON).
/// </summary>
public sealed record RecordedGraphRequest(string Method, string Path, string Query, JsonNode? Body);
