using Microsoft.Playwright;
using SecureCall.Tests.Shared;

namespace SecureCall.E2E.Infrastructure;

/// <summary>Screenshots and measured targets of the browser run, under TestResults/e2e (git-ignored).</summary>
public static class Artifacts
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "TestResults", "e2e")).FullName;

    private static readonly object Gate = new();

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, $"{name}.png"), FullPage = true });

    /// <summary>Records a measured target (printed by test.sh after the run, and quoted in README).</summary>
    public static void Measure(string name, double value, string unit, double target)
    {
        var line = $"{name}: {value:0.#} {unit} (target ≤ {target} {unit}) {(value <= target ? "met" : "MISSED")}";
        lock (Gate)
        {
            File.AppendAllLines(Path.Combine(Directory, "targets.txt"), [line]);
        }
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }
}
