using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace PartnershipMiner.Cli.Commands;

/// <summary>
/// Progress of a mine run: a Spectre.Console bar on a terminal, a log line every few seconds otherwise (CI, pipes, files).
/// </summary>
internal abstract partial class MineProgress
{
    public static MineProgress Create(IServiceProvider services) =>
        Console.IsOutputRedirected || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive
            ? new LoggedProgress(services.GetRequiredService<ILogger<MineProgress>>(), services.GetRequiredService<TimeProvider>())
            : new BarProgress();

    /// <summary>Runs the reading stage; its callback is called once per input.</summary>
    public abstract Task<T> ReadingAsync<T>(Func<Action<object>, Task<T>> work);

    /// <summary>Runs the processing stage over <paramref name="total"/> documents; its callback is called once per document.</summary>
    public abstract Task ProcessingAsync(int total, Func<Action, Task> work);

    private sealed class BarProgress : MineProgress
    {
        public override Task<T> ReadingAsync<T>(Func<Action<object>, Task<T>> work) =>
            AnsiConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("reading inputs").IsIndeterminate();
                    var read = 0;
                    var result = await work(_ => task.Description = $"reading inputs ({++read})");
                    task.StopTask();
                    return result;
                });

        public override Task ProcessingAsync(int total, Func<Action, Task> work) =>
            AnsiConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("extracting", maxValue: Math.Max(1, total));
                    await work(() => task.Increment(1));
                    task.Value = task.MaxValue;
                });
    }

    private sealed partial class LoggedProgress(ILogger logger, TimeProvider time) : MineProgress
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

        public override async Task<T> ReadingAsync<T>(Func<Action<object>, Task<T>> work)
        {
            var read = 0;
            var next = time.GetTimestamp() + (long)(Interval.TotalSeconds * time.TimestampFrequency);
            var result = await work(_ =>
            {
                read++;
                if (time.GetTimestamp() >= next)
                {
                    LogRead(logger, read);
                    next = time.GetTimestamp() + (long)(Interval.TotalSeconds * time.TimestampFrequency);
                }
            });
            LogRead(logger, read);
            return result;
        }

        public override async Task ProcessingAsync(int total, Func<Action, Task> work)
        {
            var done = 0;
            var next = time.GetTimestamp() + (long)(Interval.TotalSeconds * time.TimestampFrequency);
            await work(() =>
            {
                done++;
                if (time.GetTimestamp() >= next)
                {
                    LogProcessed(logger, done, total);
                    next = time.GetTimestamp() + (long)(Interval.TotalSeconds * time.TimestampFrequency);
                }
            });
            LogProcessed(logger, done, total);
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Read {Inputs} inputs")]
        private static partial void LogRead(ILogger logger, int inputs);

        [LoggerMessage(Level = LogLevel.Information, Message = "Processed {Documents} of {Total} documents")]
        private static partial void LogProcessed(ILogger logger, int documents, int total);
    }
}
