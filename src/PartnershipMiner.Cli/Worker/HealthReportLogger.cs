using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace PartnershipMiner.Cli.Worker;

/// <summary>
/// Publishes each periodic health report to the log (the worker runs no HTTP server): Information while healthy,
/// Warning when degraded or unhealthy, with the queue figures as structured fields.
/// </summary>
internal sealed partial class HealthReportLogger(ILogger<HealthReportLogger> logger) : IHealthCheckPublisher
{
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries)
        {
            var level = entry.Status == HealthStatus.Healthy ? LogLevel.Information : LogLevel.Warning;
            if (QueueFigures.FromData(entry.Data) is { } figures)
            {
                LogQueue(logger, level, name, entry.Status, figures.QueueDepth, figures.Waiting, figures.Processing, figures.OldestWaitingSeconds, figures.Failed, figures.Done);
            }
            else
            {
                LogOther(logger, level, name, entry.Status, entry.Description ?? "");
            }
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Message = "Health {Check}: {Status}; queue depth {QueueDepth} ({Waiting} waiting, {Processing} in process), oldest waiting {OldestWaitingSeconds} s, {Failed} failed, {Done} done")]
    private static partial void LogQueue(ILogger logger, LogLevel level, string check, HealthStatus status, int queueDepth, int waiting, int processing, long oldestWaitingSeconds, int failed, int done);

    [LoggerMessage(Message = "Health {Check}: {Status}; {Description}")]
    private static partial void LogOther(ILogger logger, LogLevel level, string check, HealthStatus status, string description);
}
