using Orleans.Storage;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Options;
using SecureCall.Storage.Sqlite;

namespace SecureCall.Grains.Tests.Storage;

public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private readonly ServiceFactory _services = new();
    private SqliteGrainStorage _storage = null!;
    private static readonly GrainId Grain = GrainId.Create("user", "alice");

    public ValueTask InitializeAsync()
    {
        _storage = new SqliteGrainStorage("users", _services.Database, new Utf8TextSerializer(), _services.Clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task Write_ThenReadInNewState_ReturnsSameValueAndETag()
    {
        var written = new GrainState<string> { State = "hello" };
        await _storage.WriteStateAsync("s", Grain, written);

        var read = new GrainState<string>();
        await _storage.ReadStateAsync("s", Grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal("hello", read.State);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_WithStaleETag_IsRefusedAndKeepsStoredValue()
    {
        var first = new GrainState<string> { State = "v1" };
        await _storage.WriteStateAsync("s", Grain, first);
        var stale = new GrainState<string> { State = "stale", ETag = first.ETag };
        first.State = "v2";
        await _storage.WriteStateAsync("s", Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("s", Grain, stale));

        var read = new GrainState<string>();
        await _storage.ReadStateAsync("s", Grain, read);
        Assert.Equal("v2", read.State);
    }

    [Fact]
    public async Task Write_NewRecordWhenOneExists_IsRefused()
    {
        await _storage.WriteStateAsync("s", Grain, new GrainState<string> { State = "owner" });

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            _storage.WriteStateAsync("s", Grain, new GrainState<string> { State = "intruder" }));
    }

    [Fact]
    public async Task Clear_RemovesRecord()
    {
        var state = new GrainState<string> { State = "bye" };
        await _storage.WriteStateAsync("s", Grain, state);

        await _storage.ClearStateAsync("s", Grain, state);

        var read = new GrainState<string>();
        await _storage.ReadStateAsync("s", Grain, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task State_SurvivesReopeningTheDatabase()
    {
        await _storage.WriteStateAsync("s", Grain, new GrainState<string> { State = "durable" });
        await using var reopened = new SqliteDatabase(_services.StorageOptions, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteDatabase>.Instance);
        var storage = new SqliteGrainStorage("users", reopened, new Utf8TextSerializer(), _services.Clock);

        var read = new GrainState<string>();
        await storage.ReadStateAsync("s", Grain, read);

        Assert.Equal("durable", read.State);
    }

    /// <summary>Keeps these tests about storage semantics, independent of Orleans' serializer set-up.</summary>
    private sealed class Utf8TextSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => BinaryData.FromString((string)(object)input!);
        public T Deserialize<T>(BinaryData input) => (T)(object)input.ToString();
    }
}
