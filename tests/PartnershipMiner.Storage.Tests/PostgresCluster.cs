using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PartnershipMiner.Storage.Tests;

/// <summary>
/// A throwaway PostgreSQL server for the tests: initdb into a temporary directory, started on a free loopback port,
/// stopped and deleted at the end. Uses the PostgreSQL binaries installed on the machine; when they are missing the
/// PostgreSQL tests fail with a message saying so, they are not skipped. initdb and the server refuse to run as root,
/// so under root (CI) they run as the "postgres" user, or "nobody" where that user does not exist.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(2);
    private string root = "";
    private string binaries = "";
    private string? runAs;

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(root, "data");

    private string LogFile => Path.Combine(root, "server.log");

    public async Task InitializeAsync()
    {
        binaries = FindBinaries();
        runAs = Environment.IsPrivilegedProcess ? await UnprivilegedUserAsync() : null;

        // Under root, /tmp rather than $TMPDIR: the server's user must be able to reach the directory.
        var parent = runAs is null ? Path.GetTempPath() : "/tmp";
        root = Directory.CreateDirectory(Path.Combine(parent, "pm-pg-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        if (runAs is not null)
        {
            await RunAsync("chown", [runAs, root], asServerUser: false);
        }

        await RunAsync(Path.Combine(binaries, "initdb"), ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
        Port = FreeLoopbackPort();
        try
        {
            await RunAsync(
                Path.Combine(binaries, "pg_ctl"),
                ["-D", DataDirectory, "-l", LogFile, "-o", $"-p {Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60", "-w", "-t", "60", "start"]);
        }
        catch (InvalidOperationException e)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no server log)";
            throw new InvalidOperationException($"{e.Message}\nServer log:\n{log}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (root.Length == 0 || !Directory.Exists(root))
        {
            return;
        }

        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            NpgsqlConnection.ClearAllPools();
            await RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }

        Directory.Delete(root, recursive: true);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=15;Command Timeout=60";

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string FindBinaries()
    {
        const string installRoot = "/usr/lib/postgresql";
        var found = Directory.Exists(installRoot)
            ? Directory.GetDirectories(installRoot)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"The PostgreSQL tests need initdb and pg_ctl under {installRoot}/<version>/bin and found none. "
            + "Install the PostgreSQL server package (e.g. apt-get install postgresql) on this machine.");
    }

    private static async Task<string> UnprivilegedUserAsync()
    {
        try
        {
            await RunProcessAsync("id", ["-u", "postgres"]);
            return "postgres";
        }
        catch (InvalidOperationException)
        {
            return "nobody";
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServerUser = true) =>
        asServerUser && runAs is not null
            ? RunProcessAsync("runuser", ["-u", runAs, "--", program, .. arguments], root)
            : RunProcessAsync(program, arguments, root.Length > 0 ? root : null);

    private static async Task RunProcessAsync(string program, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,

            // initdb fails when it cannot read its current directory, which the server user may not be able to.
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started.");
        using var limit = new CancellationTokenSource(CommandLimit);
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not finish within {CommandLimit}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class UsesPostgresCluster : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
