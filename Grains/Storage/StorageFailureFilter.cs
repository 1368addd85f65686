using System.Data.Common;
using Microsoft.Extensions.Logging;
using SecureCall.Grains.Interfaces.Errors;

namespace SecureCall.Grains.Storage;

/// <summary>
/// Turns a database failure inside a grain call (connection refused, pool exhausted, too many clients, a timeout)
/// into the typed, serialisable <see cref="FailureCode.StorageUnavailable"/>, logged here with its details. Without
/// it the driver's exception travels to the frontend, which can neither deserialise nor explain it (a 500).
/// </summary>
public sealed class StorageFailureFilter(ILogger<StorageFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (FindDatabaseFailure(exception) is { } failure)
        {
            logger.LogError(failure, "Database failure in {Grain}.{Method}", context.TargetId, context.MethodName);
            throw new SecureCallException(FailureCode.StorageUnavailable, "The database is not answering; nothing was changed. Try again shortly.");
        }
    }

    private static DbException? FindDatabaseFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException database)
            {
                return database;
            }
        }
        return exception is AggregateException aggregate ? aggregate.InnerExceptions.Select(FindDatabaseFailure).FirstOrDefault(f => f is not null) : null;
    }
}
