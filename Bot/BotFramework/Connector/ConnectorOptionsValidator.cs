using Microsoft.Extensions.Options;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>Fails start-up with every problem of the <c>Connector</c> section, each saying how to fix it.</summary>
internal sealed class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
