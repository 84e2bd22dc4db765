using Microsoft.Extensions.Options;
using PartnershipMiner.Storage.Sql;

namespace PartnershipMiner.Storage;

/// <summary>The store's settings, bound from the "Store" configuration section.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>A SQLite file path, or a PostgreSQL connection string ("Host=..." or "postgres://...").</summary>
    public string Database { get; set; } = "";

    /// <summary>
    /// SQLite: how long a write waits for another connection's write lock before the store reports itself unavailable
    /// ("locked by another connection"). PostgreSQL ignores it.
    /// </summary>
    public int BusyTimeoutSeconds { get; set; } = (int)SqlitePartnershipStore.DefaultBusyTimeout.TotalSeconds;
}

/// <summary>
/// Checks <see cref="StoreOptions"/> at start, so that a bad setting stops the host with a message naming the key
/// instead of failing at the first document.
/// </summary>
internal sealed class StoreOptionsValidation : IValidateOptions<StoreOptions>
{
    private const string Key = StoreOptions.Section + ":" + nameof(StoreOptions.Database);
    private const string BusyTimeoutKey = StoreOptions.Section + ":" + nameof(StoreOptions.BusyTimeoutSeconds);
    private const int MaxBusyTimeoutSeconds = 3600;

    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        if (options.BusyTimeoutSeconds is < 1 or > MaxBusyTimeoutSeconds)
        {
            return ValidateOptionsResult.Fail($"{BusyTimeoutKey} must be a whole number of seconds from 1 to {MaxBusyTimeoutSeconds}.");
        }

        if (string.IsNullOrWhiteSpace(options.Database))
        {
            return ValidateOptionsResult.Fail($"{Key} is empty; set it to a SQLite file path or a PostgreSQL connection string.");
        }

        if (PartnershipStoreFactory.IsPostgres(options.Database))
        {
            try
            {
                _ = PostgresConnectionString.Parse(options.Database);
                return ValidateOptionsResult.Success;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
            {
                // The message of the parser, never the value: it may hold a password.
                return ValidateOptionsResult.Fail($"{Key} is not a valid PostgreSQL connection string: {e.Message}");
            }
        }

        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(options.Database));
            if (!string.IsNullOrEmpty(directory))
            {
                // Creating it is the only reliable test of "creatable"; the store would create it at first use anyway.
                Directory.CreateDirectory(directory);
            }

            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ValidateOptionsResult.Fail($"{Key} = '{options.Database}': the directory for the SQLite file cannot be created ({e.Message}).");
        }
    }
}
