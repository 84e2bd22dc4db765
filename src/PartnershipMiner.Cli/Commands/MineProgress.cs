using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace PartnershipMiner.Cli.Commands;

/// <summary>
/// Progress of a mine run, whose reading and extraction overlap: a Spectre.Console display on a terminal, a log line
/// every few seconds otherwise (CI, pipes, files). The two callbacks come from different threads.
/// </summary>
internal abstract partial class MineProgress
{
    public static MineProgress Create(IServiceProvider services) =>
        Console.IsOutputRedirected || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive
            ? new LoggedProgress(services.GetRequiredService<ILogger<MineProgress>>(), services.GetRequiredService<TimeProvider>())
            : new BarProgress();

    /// <summary>Runs the mine; its first callback is called once per input read, its second once per document finished.</summary>
    public abstract Task<T> RunAsync<T>(Func<Action<object>, Action, Task<T>> work);

    private sealed class BarProgress : MineProgress
    {
        public override Task<T> RunAsync<T>(Func<Action<object>, Action, Task<T>> work) =>
            AnsiConsole.Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var reading = context.AddTask("reading inputs").IsIndeterminate();
                    var extracting = context.AddTask("extracting", maxValue: 1);
                    var read = 0;
                    var done = 0;
                    var result = await work(
                        _ =>
                        {
                            var now = Interlocked.Increment(ref read);
                            reading.Description = $"reading inputs ({now})";
                            extracting.MaxValue = Math.Max(now, Volatile.Read(ref done));
                        },
                        () => extracting.Value = Interlocked.Increment(ref done));
                    reading.StopTask();
                    extracting.Value = extracting.MaxValue;
                    return result;
                });
    }

    private sealed partial class LoggedProgress(ILogger logger, TimeProvider time) : MineProgress
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
        private readonly Lock gate = new();
        private int read;
        private int done;
        private long next;

        public override async Task<T> RunAsync<T>(Func<Action<object>, Action, Task<T>> work)
        {
            next = time.GetTimestamp() + (long)(Interval.TotalSeconds * time.TimestampFrequency);
            var result = await work(
                _ => Tick(ref read),
                () => Tick(ref done));
            LogProgress(logger, read, done);
            return result;
        }

        private void Tick(ref int counter)
        {
            lock (gate)
            {
                counter++;
                if (time.GetTimestamp() >= next)
                {
                    LogProgress(logger, read, done);
                    next = time.GetTimestamp() + (long)(Interval.TotalSeconds * time.TimestampFrequency);
                }
            }
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Read {Inputs} inputs, processed {Documents} documents")]
        private static partial void LogProgress(ILogger logger, int inputs, int documents);
    }
}
