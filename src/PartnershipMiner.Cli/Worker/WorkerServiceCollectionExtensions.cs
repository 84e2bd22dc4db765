using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnershipMiner.Cli.Processing;

namespace PartnershipMiner.Cli.Worker;

public static class WorkerServiceCollectionExtensions
{
    /// <summary>Time the host allows for stopping beyond the batch's grace: logging, disposing the store.</summary>
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The hosted worker: the pipeline (<see cref="PminerServiceCollectionExtensions.AddPartnershipMiner"/>, unless
    /// already added), its options from the "Worker" section validated at start, the queue loop, the inbox watcher,
    /// the scheduled crawl (the "Crawl" section), and the queue health check with a publisher that logs it.
    /// </summary>
    public static IServiceCollection AddPartnershipWorker(this IServiceCollection services, IConfiguration configuration)
    {
        if (!services.Any(s => s.ServiceType == typeof(QueueProcessor)))
        {
            services.AddPartnershipMiner(configuration);
        }

        services.AddOptions<WorkerOptions>()
            .Bind(configuration.GetSection(WorkerOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerOptions>>(new AnnotatedOptionsValidation<WorkerOptions>(WorkerOptions.Section)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerOptions>, WorkerFoldersValidation>());
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) => host.ShutdownTimeout = worker.Value.ShutdownGrace + StopMargin);

        services.TryAddSingleton<WakeSignal>();
        services.TryAddSingleton<InboxFileIntake>();
        services.AddHostedService<QueueWorkerService>();
        services.AddHostedService<InboxWatchService>();
        services.AddHostedService<ScheduledCrawlService>();

        services.AddHealthChecks().AddCheck<QueueHealthCheck>(QueueHealthCheck.Name);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthCheckPublisher, HealthReportLogger>());
        services.AddOptions<HealthCheckPublisherOptions>().Configure<IOptions<WorkerOptions>>((publisher, worker) =>
        {
            publisher.Delay = TimeSpan.FromSeconds(1);
            publisher.Period = TimeSpan.FromSeconds(worker.Value.HealthLogSeconds);
        });
        return services;
    }
}
