using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace PartnershipMiner.Storage.Sql;

/// <summary>One SQLite file, opened in WAL mode so that readers never wait for the single writer.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    // SQLite's primary result codes (sqlite3.h); the extended code carries them in its low byte.
    private const int SqlitePerm = 3;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    /// <summary>WAL pages after which a commit checkpoints (SQLite's default is 1000).</summary>
    private const int WalCheckpointPages = 16384;

    private readonly string connectionString;
    private readonly int busyTimeoutSeconds;
    private readonly ILogger logger;
    private volatile bool directoryReady;

    public SqliteDialect(string path, TimeSpan busyTimeout, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(busyTimeout, TimeSpan.Zero);
        FilePath = Path.GetFullPath(path);

        // Microsoft.Data.Sqlite retries SQLITE_BUSY itself until its command timeout, counted in whole seconds, runs
        // out, on top of SQLite's own busy_timeout. Both get the same whole number of seconds so that the wait the
        // error message reports is the wait that happened.
        busyTimeoutSeconds = (int)Math.Min(int.MaxValue / 1000, Math.Ceiling(busyTimeout.TotalSeconds));
        this.logger = logger;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = busyTimeoutSeconds,
        }.ToString();
    }

    public string FilePath { get; }

    public override string MigrationFolder => "sqlite";

    public override string Database => FilePath;

    // BEGIN IMMEDIATE already holds the database's one write lock; SQLite has no row locks.
    public override string LockRows => "";

    public override string SkipLockedRows => "";

    public override string SchemaVersionTableExists =>
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version')";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        EnsureDirectory();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // synchronous = NORMAL is the setting SQLite recommends with WAL: a commit appends to the WAL without an fsync,
            // the WAL is synced at each checkpoint. A committed transaction survives a crash of the process; a power cut
            // or OS crash may lose the last commits but never corrupts the file. For pminer that costs at most re-reading
            // those inputs on the next run (a document not stored is simply queued again). FULL, the default, syncs every
            // commit: several milliseconds on a virtual disk, once per batch.
            // wal_autocheckpoint: the WAL is copied into the database (and both synced) every 16384 pages (64 MB) rather
            // than every 1000 (4 MB). Document texts make the WAL grow fast; checkpointing it 16 times less often halves
            // the time to store them (bench/README.md), and the WAL file stays at most about that size.
            await using var pragma = connection.Command(
                null,
                $"PRAGMA busy_timeout = {(busyTimeoutSeconds * 1000).ToString(CultureInfo.InvariantCulture)}; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = {WalCheckpointPages.ToString(CultureInfo.InvariantCulture)};");
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // deferred: false issues BEGIN IMMEDIATE, which takes the write lock up front (waiting up to the busy timeout)
        // instead of failing later when a read lock cannot be upgraded.
        DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: !write);
        return Task.FromResult(transaction);
    }

    public override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(null, "PRAGMA journal_mode = WAL;");
        var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            StoreLog.NoWalMode(logger, FilePath, mode ?? "(none)");
        }
    }

    /// <summary>Creates the file's directory: the first use of a store on a fresh machine must just work.</summary>
    private void EnsureDirectory()
    {
        if (directoryReady)
        {
            return;
        }

        var directory = Path.GetDirectoryName(FilePath);
        try
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException(FilePath, $"its directory cannot be created ({e.Message})", e);
        }

        directoryReady = true;
    }

    // SQLite compares timestamps as text, so they are written in one fixed-width UTC form whose text order is time
    // order (Microsoft.Data.Sqlite's own form trims trailing fraction digits, which breaks that).
    public override DbCommand WithTime(DbCommand command, string name, DateTimeOffset? value) =>
        command.With(
            name,
            DbType.String,
            value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

    public override string? DescribeUnavailability(Exception error) => error switch
    {
        SqliteException e => (e.SqliteExtendedErrorCode & 0xFF) switch
        {
            SqliteBusy or SqliteLocked =>
                $"the database is locked by another connection (gave up after the busy timeout of {busyTimeoutSeconds} s)",
            SqliteReadOnly => "the database file is read-only",
            SqliteFull => "the disk is full",
            SqliteCantOpen => CannotOpenReason(),
            SqlitePerm => "access to the database file is denied",
            SqliteIoError => "disk I/O error",
            SqliteCorrupt => "the database file is corrupt",
            SqliteNotADatabase => "the file is not a SQLite database",
            _ => null,
        },
        _ => null,
    };

    /// <summary>
    /// SQLite says only "unable to open". The usual cause is a file that cannot be written (a read-only mount, a file
    /// another user owns): trying to open it for writing names that cause.
    /// </summary>
    private string CannotOpenReason()
    {
        try
        {
            if (File.Exists(FilePath))
            {
                using var probe = new FileStream(FilePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the database file cannot be opened for writing ({e.Message})";
        }

        return "the database file cannot be opened";
    }

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file (and its -wal) open after the store is gone; let them go.
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
