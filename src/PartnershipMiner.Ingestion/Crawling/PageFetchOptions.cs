using System.Globalization;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// How one page is fetched: the user agent, the size cap, and the resilience settings. The defaults follow Polly's
/// standard HTTP resilience pipeline (10 s per attempt, three retries on transient failures, exponential back-off from
/// a 2 s median with jitter), except the total: 60 s rather than 30 s, so that a Retry-After of up to 30 s can be honoured.
/// </summary>
public sealed record PageFetchOptions
{
    public const string DefaultUserAgent = "PartnershipMiner/1.0";
    public const long DefaultMaxPageBytes = 8L * 1024 * 1024;
    public const double DefaultAttemptTimeoutSeconds = 10;
    public const double DefaultTotalTimeoutSeconds = 60;
    public const int DefaultMaxRetries = 3;
    public const double DefaultRetryDelaySeconds = 2;
    public const double DefaultMaxRetryDelaySeconds = 30;

    public static PageFetchOptions Default { get; } = new();

    /// <summary>Sent with every request; its first token (before '/') is the name robots.txt groups are matched with.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>Largest body kept; a larger page is refused (reading stops at the limit).</summary>
    public long MaxPageBytes { get; init; } = DefaultMaxPageBytes;

    /// <summary>One request, headers and body.</summary>
    public double AttemptTimeoutSeconds { get; init; } = DefaultAttemptTimeoutSeconds;

    /// <summary>All attempts of one fetch with the waits between them.</summary>
    public double TotalTimeoutSeconds { get; init; } = DefaultTotalTimeoutSeconds;

    /// <summary>Retries after the first attempt on 408, 429, 5xx, network errors and attempt timeouts; 0 disables them.</summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>Median wait before the first retry; it doubles at each retry, with jitter.</summary>
    public double RetryDelaySeconds { get; init; } = DefaultRetryDelaySeconds;

    /// <summary>
    /// Longest wait between attempts: caps the back-off, and a server asking (Retry-After) for longer is not retried
    /// but reported.
    /// </summary>
    public double MaxRetryDelaySeconds { get; init; } = DefaultMaxRetryDelaySeconds;

    public TimeSpan AttemptTimeout => TimeSpan.FromSeconds(AttemptTimeoutSeconds);

    public TimeSpan TotalTimeout => TimeSpan.FromSeconds(TotalTimeoutSeconds);

    public TimeSpan RetryDelay => TimeSpan.FromSeconds(RetryDelaySeconds);

    public TimeSpan MaxRetryDelay => TimeSpan.FromSeconds(MaxRetryDelaySeconds);

    /// <summary>The product token robots.txt is read for: "PartnershipMiner" of "PartnershipMiner/1.0 (+contact)".</summary>
    public string RobotsAgent => UserAgent.Split('/', ' ')[0];

    /// <summary>Every broken rule as "Section:Key = 'value': why"; empty when usable.</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(UserAgent) || UserAgent.Any(char.IsControl) || !RobotsAgent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            || RobotsAgent.Length == 0)
        {
            failures.Add($"{section}:{nameof(UserAgent)} = '{UserAgent}': must start with a product name of letters, digits, '-', '_' or '.' (\"Name/1.0 (+contact)\")");
        }

        Check(failures, section, nameof(MaxPageBytes), MaxPageBytes, 1024, 1024L * 1024 * 1024, "between 1024 and 1073741824");
        // Polly's timeouts must be above 10 ms and below a day.
        Check(failures, section, nameof(AttemptTimeoutSeconds), AttemptTimeoutSeconds, 0.05, 3600, "between 0.05 and 3600");
        Check(failures, section, nameof(TotalTimeoutSeconds), TotalTimeoutSeconds, Math.Max(0.05, AttemptTimeoutSeconds), 86_000, "between AttemptTimeoutSeconds and 86000");
        Check(failures, section, nameof(MaxRetries), MaxRetries, 0, 10, "between 0 and 10");
        Check(failures, section, nameof(RetryDelaySeconds), RetryDelaySeconds, 0, 3600, "between 0 and 3600");
        Check(failures, section, nameof(MaxRetryDelaySeconds), MaxRetryDelaySeconds, Math.Max(0.001, RetryDelaySeconds), 86_000, "between RetryDelaySeconds and 86000");
        return failures;
    }

    internal static void Check(List<string> failures, string section, string key, double value, double min, double max, string range)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            failures.Add($"{section}:{key} = '{value.ToString(CultureInfo.InvariantCulture)}': must be {range}");
        }
    }
}
