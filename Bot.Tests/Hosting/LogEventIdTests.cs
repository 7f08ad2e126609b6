using System.Reflection;
using Microsoft.Extensions.Logging;

namespace TeamsMeetBot.Tests.Hosting;

/// <summary>Every log message of the bot has its own event id, so an operator can filter and alert on one kind of event.</summary>
public class LogEventIdTests
{
    [Fact]
    public void Every_source_generated_log_message_has_an_event_id_of_its_own()
    {
        var messages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m.DeclaringType!.Name + "." + m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.True(messages.Count > 50, "found only " + messages.Count + " log messages");
        Assert.All(messages, m => Assert.True(m.Attribute!.EventId > 0, m.Method + " has no event id"));
        var shared = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => g.Key + ": " + string.Join(", ", g.Select(m => m.Method))).ToList();
        Assert.Empty(shared);
    }
}
