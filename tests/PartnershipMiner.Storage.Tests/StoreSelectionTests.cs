using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnershipMiner.Storage.Sql;

namespace PartnershipMiner.Storage.Tests;

/// <summary>How one setting picks the store, and how bad settings are reported when a host starts.</summary>
public sealed class StoreSelectionTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "pm-select-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=pm", true)]
    [InlineData("host=db.internal;Port=5433", true)]
    [InlineData("postgres://u:p@127.0.0.1/pm", true)]
    [InlineData("postgresql://127.0.0.1/pm", true)]
    [InlineData("data/partnerships.db", false)]
    [InlineData("/var/lib/pm/Host=odd-name.db", false)]
    [InlineData("C:\\data\\pm.db", false)]
    public void A_server_connection_string_selects_postgres_and_anything_else_is_a_sqlite_file(string value, bool postgres) =>
        Assert.Equal(postgres, PartnershipStoreFactory.IsPostgres(value));

    [Fact]
    public async Task Open_returns_the_store_the_value_names_without_connecting()
    {
        await using var sqlite = PartnershipStoreFactory.Open(Path.Combine(directory, "pm.db"));
        await using var postgres = PartnershipStoreFactory.Open("Host=127.0.0.1;Port=1;Database=pm");

        Assert.IsType<SqlitePartnershipStore>(sqlite);
        Assert.IsType<PostgresPartnershipStore>(postgres);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void A_libpq_uri_is_translated_with_escapes_port_and_parameters()
    {
        var builder = PostgresConnectionString.Parse("postgres://al%40ice:p%3Ass%2Fw@127.0.0.1:6543/part%20ners?Timeout=7&Application%20Name=miner");

        Assert.Equal(
            ("127.0.0.1", 6543, "al@ice", "p:ss/w", "part ners", 7, "miner"),
            (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database, builder.Timeout, builder.ApplicationName));
    }

    [Fact]
    public async Task The_host_resolves_the_configured_sqlite_store()
    {
        var path = Path.Combine(directory, "data", "pm.db");
        using var host = BuildHost(path);

        await host.StartAsync();
        var store = host.Services.GetRequiredService<IPartnershipStore>();

        Assert.Equal(path, Assert.IsType<SqlitePartnershipStore>(store).Database);
        await host.StopAsync();
    }

    [Fact]
    public async Task An_empty_setting_stops_the_host_with_a_message_naming_the_key()
    {
        using var host = BuildHost("");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Store:Database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sqlite_path_whose_directory_cannot_be_created_stops_the_host_with_a_message_naming_the_key()
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "plain-file");
        await File.WriteAllTextAsync(file, "x");
        using var host = BuildHost(Path.Combine(file, "sub", "pm.db"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Store:Database", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be created", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_postgres_setting_stops_the_host_without_echoing_the_password()
    {
        using var host = BuildHost("Host=127.0.0.1;Password=s3cret;NoSuchKeyword=1");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Store:Database", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(string database)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Store:Database", database)]);
        builder.Services.AddPartnershipStore(builder.Configuration);
        return builder.Build();
    }
}
