namespace SecureCall.Options;

/// <summary>
/// The Orleans Dashboard (grain activations, call rates, silo health, reminders): off by default. When on, every silo
/// collects its statistics and the web host serves the dashboard at <see cref="Path"/> on its management port only
/// (<c>SecureCall:Management</c>), to requests that carry <see cref="Secret"/>: it shows grain ids, which are user ids,
/// and a live log stream.
/// </summary>
public sealed class AdminDashboardOptions
{
    public const string SectionName = "SecureCall:Dashboard";

    /// <summary>The shortest <see cref="Secret"/> a web host accepts (32 characters, e.g. <c>openssl rand -base64 32</c>).</summary>
    public const int MinimumSecretLength = 32;

    public bool Enabled { get; set; }

    /// <summary>
    /// The operators' credential: the password of HTTP Basic authentication (any user name), compared in constant
    /// time. A web host with the dashboard enabled refuses to start without one of at least
    /// <see cref="MinimumSecretLength"/> characters. Silos, which only collect statistics, do not need it.
    /// </summary>
    public string Secret { get; set; } = "";

    public string Path { get; set; } = "/admin/orleans";
}
