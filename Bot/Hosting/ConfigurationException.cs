namespace TeamsMeetBot.Hosting;

/// <summary>Startup stops with this when the configuration cannot work; the message says how to fix it.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException()
    {
    }

    public ConfigurationException(string message) : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
