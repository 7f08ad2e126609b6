namespace TeamsMeetBot.LocalGraph;

/// <summary>Which of the two Graph schema files a document is checked against.</summary>
public enum GraphSchemaKind
{
    /// <summary>No unknown properties anywhere: request bodies.</summary>
    Strict,

    /// <summary>Open types accept unknown properties: responses and notifications.</summary>
    Open,
}
