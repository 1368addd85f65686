namespace SecureCall.Options;

/// <summary>
/// The Orleans Dashboard (grain activations, call rates, silo health, reminders): off by default. When on, every silo
/// collects its statistics and the web host serves the dashboard at <see cref="Path"/>, to requests from the host's
/// own loopback address only (reach it through an SSH tunnel or <c>kubectl port-forward</c>): it shows grain ids,
/// which are user ids, and has no login of its own.
/// </summary>
public sealed class AdminDashboardOptions
{
    public const string SectionName = "SecureCall:Dashboard";

    public bool Enabled { get; set; }

    public string Path { get; set; } = "/admin/orleans";
}
