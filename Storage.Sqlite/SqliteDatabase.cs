using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.Options;
using SecureCall.Security;

namespace SecureCall.Storage.Sqlite;

/// <summary>
/// The embedded SQLite database. Reads use pooled connections (WAL lets them run beside writes); all writes go
/// through one writer loop that commits them in groups, so each flush to disk serves many requests. A failing write
/// is rolled back alone and never takes its neighbours down with it. The WAL is copied back into the database file
/// by a background checkpointer on its own connection, so the writer (and every request waiting on a commit) never
/// stalls for a checkpoint; SQLite's own checkpoint stays as a backstop should the WAL grow regardless.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private const int MaxWritesPerCommit = 512;
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(500);
    // Pages (4 KiB): about 64 MiB of WAL before the writer checkpoints by itself.
    private const int BackstopCheckpointPages = 16_384;

    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly string _connectionString;
    private readonly bool _flushEveryCommit;
    private readonly Task _writerLoop;
    private readonly Task _checkpointLoop;
    private readonly CancellationTokenSource _stopping = new();

    public SqliteDatabase(IOptions<StorageOptions> options, ILogger<SqliteDatabase> logger)
    {
        _logger = logger;
        var path = options.Value.DatabasePath;
        // The database holds password hashes, e-mail addresses and client IPs: directory 700, file 600. SQLite gives
        // the -wal and -shm files the database file's mode; existing ones (older installs) are tightened here too.
        var directory = System.IO.Path.GetDirectoryName(path)!;
        PrivateFiles.CreateDirectory(directory);
        try
        {
            PrivateFiles.EnsureDirectory(directory);
            PrivateFiles.EnsureFile(path);
            PrivateFiles.Tighten(path + "-wal");
            PrivateFiles.Tighten(path + "-shm");
        }
        catch (UnauthorizedAccessException exception)
        {
            // Not ours to change (another owner): run, but say so loudly.
            logger.LogWarning(exception, "Could not restrict {Path} to its owner (directory 700, files 600): other local users may read it", path);
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _flushEveryCommit = options.Value.FlushEveryCommit;
        Path = path;
        using (var connection = Open())
        {
            Execute(connection, "PRAGMA journal_mode=WAL;");
            SqliteSchema.Create(connection);
        }
        // Both loops block in SQLite (and fsync) by design: they get threads of their own, so under load they never
        // hold the two or so thread-pool threads a small machine has while requests queue behind them.
        _writerLoop = Task.Factory.StartNew(RunWriter, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _checkpointLoop = Task.Factory.StartNew(RunCheckpointer, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Runs <paramref name="read"/> on a pooled connection.</summary>
    public async Task<T> ReadAsync<T>(Func<SqlSession, T> read)
    {
        await Task.Yield();
        using var connection = Open();
        using var session = new SqlSession(connection);
        return read(session);
    }

    /// <summary>Queues <paramref name="write"/> for the writer; completes once its group is committed to disk.</summary>
    public Task<T> WriteAsync<T>(Func<SqlSession, T> write)
    {
        var pending = new PendingWrite<T>(write);
        if (!_writes.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase));
        }
        return pending.Completion.Task;
    }

    /// <summary>
    /// Runs <paramref name="slice"/> as separate writes until one affects fewer than <paramref name="sliceSize"/>
    /// rows; returns the total. For bulk deletes: requests queued behind one wait for a slice, never for all of it.
    /// </summary>
    public async Task<int> WriteInSlicesAsync(Func<SqlSession, int> slice, int sliceSize)
    {
        var total = 0;
        int affected;
        do
        {
            affected = await WriteAsync(slice).ConfigureAwait(false);
            total += affected;
        }
        while (affected >= sliceSize);
        return total;
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _checkpointLoop.ConfigureAwait(false);
        _stopping.Dispose();
        SqliteConnection.ClearAllPools();
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, _flushEveryCommit ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        return connection;
    }

    private void RunCheckpointer()
    {
        using var connection = Open();
        while (!_stopping.Token.WaitHandle.WaitOne(CheckpointInterval))
        {
            Checkpoint(connection, "PASSIVE");
        }
        // The writer has stopped: fold the whole WAL back into the database file and empty it.
        Checkpoint(connection, "TRUNCATE");
    }

    private void Checkpoint(SqliteConnection connection, string mode)
    {
        try
        {
            Execute(connection, $"PRAGMA wal_checkpoint({mode});");
        }
        catch (SqliteException exception)
        {
            // Not fatal: the WAL keeps every commit, and the writer's backstop checkpoint bounds its size.
            _logger.LogWarning(exception, "SQLite {Mode} checkpoint failed", mode);
        }
    }

    private void RunWriter()
    {
        using var connection = Open();
        Execute(connection, $"PRAGMA wal_autocheckpoint={BackstopCheckpointPages};");
        using var session = new SqlSession(connection);
        var batch = new List<PendingWrite>(MaxWritesPerCommit);
        while (_writes.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxWritesPerCommit && _writes.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            CommitBatch(session, batch);
            batch.Clear();
        }
    }

    private void CommitBatch(SqlSession session, List<PendingWrite> batch)
    {
        // Almost every batch succeeds whole, so it first runs without per-write savepoints (half the statements).
        // Writes are pure functions of the database, so if one fails the batch is rolled back and replayed with a
        // savepoint around each write: the failing write is then rolled back alone, its neighbours still commit.
        if (!TryCommit(session, batch, isolateEachWrite: false))
        {
            TryCommit(session, batch, isolateEachWrite: true);
        }
    }

    /// <summary>
    /// Applies and commits <paramref name="batch"/>. Without isolation it stops at the first failing write, rolls
    /// everything back and returns false, completing nobody. With isolation every caller learns its outcome.
    /// </summary>
    private bool TryCommit(SqlSession session, List<PendingWrite> batch, bool isolateEachWrite)
    {
        var applied = new List<PendingWrite>(batch.Count);
        try
        {
            using var transaction = session.Begin();
            foreach (var write in batch)
            {
                if (!isolateEachWrite)
                {
                    try
                    {
                        write.Apply(session);
                    }
                    catch
                    {
                        transaction.Rollback();
                        return false;
                    }
                    applied.Add(write);
                    continue;
                }
                session.Execute("SAVEPOINT w;");
                try
                {
                    write.Apply(session);
                    session.Execute("RELEASE w;");
                    applied.Add(write);
                }
                catch (Exception exception)
                {
                    session.Execute("ROLLBACK TO w;");
                    session.Execute("RELEASE w;");
                    session.ForgetTransactionState();
                    write.Fail(exception);
                }
            }
            transaction.Commit();
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "SQLite commit of {Count} writes failed", batch.Count);
            // Nothing of this batch is durable: every caller learns it (writes already failed keep their own error).
            foreach (var write in batch)
            {
                write.Fail(exception);
            }
            return true;
        }
        finally
        {
            session.Transaction = null;
            session.ForgetTransactionState();
        }
        foreach (var write in applied)
        {
            write.Succeed();
        }
        return true;
    }

    private abstract class PendingWrite
    {
        public abstract void Apply(SqlSession session);
        public abstract void Succeed();
        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqlSession, T> write) : PendingWrite
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Apply(SqlSession session) => _result = write(session);

        public override void Succeed() => Completion.TrySetResult(_result!);

        public override void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
