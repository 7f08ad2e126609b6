using Azure.Core;

namespace TeamsMeetBot.Tests.Connector;

/// <summary>Issues "token-1", "token-2", … valid for <see cref="Lifetime"/>; records every request; can be held to test single-flight refresh.</summary>
public sealed class TestTokenCredential(TimeProvider timeProvider) : TokenCredential
{
    private readonly object gate = new();
    private readonly List<string[]> requestedScopes = [];
    private int issued;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When set, every token request waits for this task first.</summary>
    public Task? Hold { get; set; }

    public int Calls
    {
        get { lock (gate) { return requestedScopes.Count; } }
    }

    public IReadOnlyList<string[]> RequestedScopes
    {
        get { lock (gate) { return requestedScopes.ToArray(); } }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            requestedScopes.Add(requestContext.Scopes);
        }

        if (Hold is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }

        int n = Interlocked.Increment(ref issued);
        return new AccessToken($"token-{n}", timeProvider.GetUtcNow() + Lifetime);
    }
}
