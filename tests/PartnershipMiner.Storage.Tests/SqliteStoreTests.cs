using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace PartnershipMiner.Storage.Tests;

/// <summary>The behaviour suite on a real SQLite file, plus what only a file can go through.</summary>
public sealed class SqliteStoreTests : PartnershipStoreBehaviour
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "pm-sqlite-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(directory, "nested", "store.db");

    protected override RelationalPartnershipStore CreateStore() => new SqlitePartnershipStore(DatabasePath, Clock);

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task DropDatabaseAsync()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task First_use_creates_the_directory_and_a_wal_mode_file_with_foreign_keys_on()
    {
        Assert.False(Directory.Exists(directory));

        await Store.InitializeAsync(None);

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal("wal", await Store.ScalarAsync("PRAGMA journal_mode", None));
        Assert.Equal(1L, await Store.ScalarAsync("PRAGMA foreign_keys", None));
        Assert.Equal(1L, await Store.ScalarAsync("PRAGMA synchronous", None)); // NORMAL: WAL synced at checkpoints
        Assert.Equal(DatabasePath, Store.Database);
    }

    [Fact]
    public async Task Upgrading_a_first_version_file_moves_the_texts_of_its_documents_to_their_own_table()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var submission = Samples.Submission("written before the upgrade");
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var schema = connection.CreateCommand();
            using (var script = new StreamReader(typeof(SqlitePartnershipStore).Assembly.GetManifestResourceStream("migrations/sqlite/0001_initial.sql")!))
            {
                schema.CommandText = await script.ReadToEndAsync() + """

                    INSERT INTO schema_version (version, name, applied_at) VALUES (1, 'initial', '2024-01-01T00:00:00.0000000Z');
                    INSERT INTO documents (source, content_hash, text, title, date, state, attempts, received_at)
                    VALUES (@source, @hash, @text, @title, '2024-03-15', 'received', 0, '2024-01-01T00:00:00.0000000Z');
                    """;
            }

            schema.Parameters.AddWithValue("@source", submission.Source);
            schema.Parameters.AddWithValue("@hash", submission.ContentHash);
            schema.Parameters.AddWithValue("@text", submission.Text);
            schema.Parameters.AddWithValue("@title", submission.Title);
            await schema.ExecuteNonQueryAsync();
        }

        var claimed = Assert.Single(await Store.ClaimAsync("w1", 10, TimeSpan.FromMinutes(1), None));

        Assert.Equal((submission.Source, submission.Text), (claimed.Source, claimed.Text));
        Assert.Equal(0L, await Store.ScalarAsync("SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'text'", None));
        Assert.Equal(Store.LatestSchemaVersion, (await Store.ReadAppliedMigrationsAsync(None)).Count);
    }

    [Fact]
    public async Task A_read_only_file_gives_a_clear_error_naming_the_file_and_can_still_be_read()
    {
        await Store.EnqueueAsync([Samples.Submission("kept")], None);
        await Store.DisposeAsync();
        using var readOnly = ReadOnlyFile.Make(DatabasePath);

        var reopened = OpenStore();
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => reopened.EnqueueAsync([Samples.Submission("new")], None));

        Assert.Equal(DatabasePath, error.Database);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(error.InnerException);
        Assert.Equal(1, (await reopened.GetStatusAsync(None)).Documents[DocumentState.Received]);
    }

    [Fact]
    public async Task A_write_lock_held_elsewhere_gives_a_clear_error_after_the_busy_timeout_and_loses_nothing()
    {
        var store = new SqlitePartnershipStore(DatabasePath, Clock, busyTimeout: TimeSpan.FromSeconds(1));
        await using (store)
        {
            await store.EnqueueAsync([Samples.Submission("committed before")], None);

            await using (var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
            {
                await other.OpenAsync();
                await using var held = (SqliteTransaction)await other.BeginTransactionAsync();
                await using (var write = other.CreateCommand())
                {
                    write.CommandText = "UPDATE documents SET title = 'held' WHERE 1 = 0";
                    await write.ExecuteNonQueryAsync();
                }

                var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.EnqueueAsync([Samples.Submission("blocked")], None));

                Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
                Assert.Contains("locked", error.Message, StringComparison.Ordinal);
                Assert.Contains("busy timeout of 1 s", error.Message, StringComparison.Ordinal);
                await held.RollbackAsync();
            }

            var status = await store.GetStatusAsync(None);
            Assert.Equal(1, status.Documents[DocumentState.Received]);
            Assert.False(Assert.Single(await store.EnqueueAsync([Samples.Submission("blocked")], None)).AlreadyKnown);
        }
    }

    [Fact]
    public async Task A_directory_that_cannot_be_created_is_reported_with_the_path()
    {
        Directory.CreateDirectory(directory);
        var blocker = Path.Combine(directory, "a-file");
        await File.WriteAllTextAsync(blocker, "not a directory");
        var path = Path.Combine(blocker, "sub", "store.db");
        await using var store = new SqlitePartnershipStore(path, Clock);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync(None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("directory", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Makes a file read-only for the duration of a test. Permission bits stop a normal user; root ignores them, so
    /// as root the file is also made immutable (chattr +i), which binds root too.
    /// </summary>
    private sealed class ReadOnlyFile : IDisposable
    {
        private readonly string path;
        private readonly UnixFileMode mode;
        private readonly bool immutable;

        private ReadOnlyFile(string path)
        {
            this.path = path;
            mode = File.GetUnixFileMode(path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            if (Environment.IsPrivilegedProcess)
            {
                Chattr("+i");
                immutable = true;
            }
        }

        public static ReadOnlyFile Make(string path) => new(path);

        public void Dispose()
        {
            if (immutable)
            {
                Chattr("-i");
            }

            File.SetUnixFileMode(path, mode);
        }

        private void Chattr(string flag)
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })
                ?? throw new InvalidOperationException("chattr could not be started");
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Running as root, the test needs 'chattr {flag} {path}' to make the file read-only; it failed: {error}");
            }
        }
    }
}
