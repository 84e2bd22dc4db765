using Microsoft.Data.Sqlite;

namespace PartnershipMiner.Cli.Tests.Support;

/// <summary>The worker's SQLite file, read directly (a second connection; WAL lets it read while the worker writes).</summary>
internal sealed class StoreFile(string path)
{
    public string Path { get; } = path;

    public bool Exists => File.Exists(Path);

    public async Task<long> CountAsync(string sql)
    {
        if (!Exists)
        {
            return 0;
        }

        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<string>> StringsAsync(string sql)
    {
        var values = new List<string>();
        if (!Exists)
        {
            return values;
        }

        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? "" : reader.GetValue(0).ToString()!);
        }

        return values;
    }

    public Task<long> DocumentsAsync() => CountAsync("SELECT COUNT(*) FROM documents");

    public Task<long> UnfinishedAsync() => CountAsync("SELECT COUNT(*) FROM documents WHERE state IN ('received', 'processing')");

    public Task<long> DoneAsync() => CountAsync("SELECT COUNT(*) FROM documents WHERE state = 'done'");

    public async Task<SortedSet<string>> RecordIdsAsync() => new(await StringsAsync("SELECT id FROM records"), StringComparer.Ordinal);

    /// <summary>Whether the schema is there yet (the worker creates it at start).</summary>
    public async Task<bool> HasSchemaAsync() =>
        await CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'documents'") == 1;

    private SqliteConnection Open()
    {
        // No pooling: the test's temp folder is deleted afterwards, and a pooled handle would keep the file open.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }
}
