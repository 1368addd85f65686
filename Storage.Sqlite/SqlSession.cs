using Microsoft.Data.Sqlite;

namespace SecureCall.Storage.Sqlite;

/// <summary>
/// A connection plus its prepared statements. The writer keeps one session for its whole life, so each SQL text is
/// compiled once rather than per write (statement preparation was the writer's largest cost). Commands handed out
/// are owned by the session: callers must not dispose them.
/// </summary>
public sealed class SqlSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>The transaction commands must join; Microsoft.Data.Sqlite refuses a command bound to an older one.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The prepared command for <paramref name="sql"/>, with its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            command.Transaction = Transaction;
            return command;
        }
        command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        _commands[sql] = command;
        return command;
    }

    /// <summary>
    /// What writes of the current transaction remember for the writes after them (e.g. the audit chain's head, so
    /// each append need not read it back). Valid only while the transaction's writes all stand: the writer clears it
    /// when a transaction begins or ends and whenever any part of one is rolled back.
    /// </summary>
    public Dictionary<string, object> TransactionState { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts a transaction that every command of this session joins until it ends.</summary>
    public SqliteTransaction Begin(bool deferred = false)
    {
        TransactionState.Clear();
        return Transaction = Connection.BeginTransaction(deferred);
    }

    public void ForgetTransactionState() => TransactionState.Clear();

    public int Execute(string sql) => Command(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }
}
