using System.Text.Json.Serialization;

namespace TeamsMeetBot.Tests.Storage;

/// <summary>The value the contract tests store: a name, a counter for read-modify-write, and optional bulk.</summary>
public sealed record TestRecord(string Name, int Count, string? Payload = null);

[JsonSerializable(typeof(TestRecord))]
public sealed partial class StorageTestJsonContext : JsonSerializerContext;
