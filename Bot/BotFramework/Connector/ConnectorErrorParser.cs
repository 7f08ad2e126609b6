using System.Net.Http.Headers;
using System.Text.Json;
using TeamsMeetBot.BotFramework.Schema;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// Reads the error code and request id out of a failed Connector answer. Understands the usual
/// <c>{"error":{"code","message"}}</c> body and Teams' 403 shape
/// <c>{"errorCode":209,"message":"{…\"subCode\":\"MessageWritesBlocked\"…}"}</c> (a JSON document
/// inside a string). Bodies are only inspected, never kept or echoed.
/// </summary>
public static class ConnectorErrorParser
{
    private static readonly string[] RequestIdHeaders = ["x-ms-request-id", "request-id", "x-ms-correlation-id", "ms-cv"];

    private static readonly JsonDocumentOptions NestedOptions = new() { MaxDepth = 16 };

    /// <summary>The most specific error code in <paramref name="body"/>, or null when it has none.</summary>
    public static string? ParseErrorCode(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        ConnectorErrorResponse? error;
        try
        {
            error = JsonSerializer.Deserialize(body, BotJsonContext.Default.ConnectorErrorResponse);
        }
        catch (JsonException)
        {
            return null;
        }

        if (error is null)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(error.Error?.Code))
        {
            return error.Error.Code;
        }

        string? subCode = SubCodeOf(error.Message);
        if (subCode is not null)
        {
            return subCode;
        }

        return error.ErrorCode is { } code && code.ValueKind is JsonValueKind.Number or JsonValueKind.String
            ? code.ToString()
            : null;
    }

    /// <summary>The first request id header the Connector set, if any.</summary>
    public static string? ParseRequestId(HttpResponseHeaders headers)
    {
        foreach (string name in RequestIdHeaders)
        {
            if (headers.TryGetValues(name, out var values))
            {
                string? value = values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
                if (value is not null)
                {
                    return value.Trim();
                }
            }
        }

        return null;
    }

    private static string? SubCodeOf(string? nestedJson)
    {
        if (string.IsNullOrWhiteSpace(nestedJson) || !nestedJson.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(nestedJson, NestedOptions);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, "subCode", StringComparison.OrdinalIgnoreCase) &&
                    property.Value.ValueKind == JsonValueKind.String &&
                    !string.IsNullOrWhiteSpace(property.Value.GetString()))
                {
                    return property.Value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }
}
