using System.Security.Cryptography;
using System.Text;

namespace TeamsMeetBot.Meetings;

/// <summary>
/// The createOrGet <c>externalId</c>: SHA-256 (hex) of tenant, conversation and the Teams activity id
/// that carried the command, so a redelivery or a retry of the same message gets the same meeting,
/// and a new message gets a new one (reference §1.2).
/// </summary>
public static class ExternalIds
{
    public static string ForActivity(string tenantId, string conversationId, string activityId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(tenantId + "|" + conversationId + "|" + activityId), hash);
        return Convert.ToHexStringLower(hash);
    }
}
