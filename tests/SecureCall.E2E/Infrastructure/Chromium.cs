using Microsoft.Playwright;

namespace SecureCall.E2E.Infrastructure;

/// <summary>
/// Debian's chromium (never a downloaded browser), headless, with Chromium's fake camera and microphone: the camera
/// plays <c>cameraFile</c> (a y4m file) when given, else Chromium's test pattern (pages that a <see cref="ReactiveCamera"/>
/// serves never see it).
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string? cameraFile = null)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException($"{ExecutablePath} is missing: apt-get install chromium", ExecutablePath);
        }
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--autoplay-policy=no-user-gesture-required",
                .. cameraFile is null ? Array.Empty<string>() : [$"--use-file-for-fake-video-capture={cameraFile}"],
            ],
        });
    }
}
