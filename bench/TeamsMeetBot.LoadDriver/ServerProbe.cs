using System.Diagnostics;
using System.Text;

namespace TeamsMeetBot.LoadDriver;

/// <summary>Start-up probes for a child server: health, and start-to-first-answer.</summary>
internal static class ServerProbe
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Posts <paramref name="buildBody"/>(attempt id) every 5 ms from the moment the process was started
    /// until one is answered 200 and, when <paramref name="connector"/> is given, its reply reached the
    /// connector. Returns milliseconds from process start to that answer.
    /// </summary>
    public static async Task<double> FirstAnswerAsync(ChildProcess server, Func<string, string> buildBody, string? authorization, BenchConnector? connector, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var url = new Uri(server.BaseAddress, "api/messages");
        for (int attempt = 0; Stopwatch.GetElapsedTime(server.StartTimestamp) < StartDeadline; attempt++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException("The server process exited during start-up; see its log in the work directory.");
            }

            string id = "first-answer-" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var reply = connector?.WatchReply(id);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(buildBody(id), Encoding.UTF8, "application/json") };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            try
            {
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    long answered = reply is null ? Stopwatch.GetTimestamp() : (await reply.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken)).AnsweredTimestamp;
                    return (answered - server.StartTimestamp) * 1000.0 / Stopwatch.Frequency;
                }

                throw new InvalidOperationException($"The server answered {(int)response.StatusCode} to a valid activity; see its log in the work directory.");
            }
            catch (HttpRequestException)
            {
                connector?.ForgetReply(id);
                await Task.Delay(5, cancellationToken);
            }
        }

        throw new TimeoutException("The server did not answer within " + StartDeadline);
    }

    /// <summary>
    /// Posts one activity with <paramref name="forgedAuthorization"/> (a token the server must refuse) and returns the
    /// status it answered: a server under the protocol load is only compared with another if both check tokens.
    /// </summary>
    public static async Task<int> StatusForForgedTokenAsync(ChildProcess server, string body, string forgedAuthorization, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "api/messages")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", forgedAuthorization);
        using var response = await client.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    public static async Task WaitHealthyAsync(ChildProcess server, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        while (Stopwatch.GetElapsedTime(server.StartTimestamp) < StartDeadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException("The bot exited during start-up; see its log in the work directory.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(server.BaseAddress, "healthz"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException("The bot did not become healthy within " + StartDeadline);
    }
}
