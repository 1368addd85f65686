using Microsoft.Extensions.Logging;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Storage;
using SecureCall.Security.Templates;
using SecureCall.Storage.Sqlite;

namespace SecureCall.Hosting;

/// <summary>
/// Re-seals every enrolled face template under the active key-encryption key, so an old key can be retired.
/// Run by the host's <c>rotate-template-keys</c> command after a new *.kek file was added and made active.
/// </summary>
public sealed class TemplateKeyRotation(SqliteDatabase database, IGrainFactory grains, TemplateProtector templates, ILogger<TemplateKeyRotation> logger)
{
    public async Task<(int Users, int Rewrapped)> RunAsync(CancellationToken cancellation = default)
    {
        var userIds = await database.ReadAsync(session =>
        {
            var command = session.Command("SELECT grain_id FROM grain_state WHERE store=$s AND state_name='user'");
            command.Parameters.AddWithValue("$s", StorageNames.Users);
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                // Stored as the grain id text, "user/{userId}".
                var grainId = reader.GetString(0);
                ids.Add(grainId[(grainId.IndexOf('/') + 1)..]);
            }
            return ids;
        });
        var rewrapped = 0;
        foreach (var userId in userIds)
        {
            cancellation.ThrowIfCancellationRequested();
            if (await grains.GetGrain<IUserGrain>(userId).RewrapFaceTemplateAsync())
            {
                rewrapped++;
            }
        }
        logger.LogInformation("Template key rotation: {Rewrapped} of {Users} users' templates re-sealed under {KeyId}", rewrapped, userIds.Count, templates.ActiveKeyId);
        return (userIds.Count, rewrapped);
    }
}
