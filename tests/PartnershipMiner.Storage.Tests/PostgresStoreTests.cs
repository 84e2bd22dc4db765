using System.Net;
using System.Net.Sockets;

namespace PartnershipMiner.Storage.Tests;

/// <summary>The behaviour suite on a real PostgreSQL server, one fresh database per test.</summary>
[Collection(UsesPostgresCluster.Name)]
public sealed class PostgresStoreTests(PostgresCluster cluster) : PartnershipStoreBehaviour
{
    private readonly string database = "pm_" + Guid.NewGuid().ToString("N");
    private string connectionString = "";

    protected override RelationalPartnershipStore CreateStore() => new PostgresPartnershipStore(connectionString, Clock);

    protected override async Task CreateDatabaseAsync() => connectionString = await cluster.CreateDatabaseAsync(database);

    protected override Task DropDatabaseAsync() => cluster.DropDatabaseAsync(database);

    [Fact]
    public async Task A_libpq_uri_reaches_the_same_database()
    {
        await Store.EnqueueAsync([Samples.Submission("via keywords")], None);

        await using var viaUri = PartnershipStoreFactory.Open($"postgresql://postgres@127.0.0.1:{cluster.Port}/{database}", Clock);

        Assert.IsType<PostgresPartnershipStore>(viaUri);
        Assert.Equal(1, (await viaUri.GetStatusAsync(None)).Documents[DocumentState.Received]);
    }

    [Fact]
    public async Task An_unreachable_server_gives_a_clear_error_naming_database_and_host()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var store = new PostgresPartnershipStore($"Host=127.0.0.1;Port={port};Username=postgres;Database=nowhere;Timeout=5", Clock);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync(None));

        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_named_in_the_error()
    {
        await using var store = new PostgresPartnershipStore(cluster.ConnectionString("no_such_database"), Clock);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync(None));

        Assert.Contains("'no_such_database'", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
