using System.Diagnostics;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Tests.Shared;

namespace SecureCall.E2E.Infrastructure;

/// <summary>
/// y4m files for Chromium's fake camera, made with ffmpeg from the same genuine stand-in the server's proof-of-life
/// tests use (a sample photo rendered as a moving 3-D head, <see cref="RenderedHead"/>), and from a still photo. The
/// genuine loop starts at rest and performs each allowed challenge in turn with rest around it (at least
/// <see cref="RenderedHead.RestBefore"/> frames between gestures, each gesture starting and ending at the same rest
/// pose), so whichever challenge is current, its baseline is the rest pose and its gesture comes within one loop.
/// </summary>
public sealed class FakeCameras : IDisposable
{
    public const int FramesPerSecond = RenderedHead.FramesPerSecond;

    private readonly string _directory = Directory.CreateTempSubdirectory("securecall-camera-").FullName;

    private FakeCameras(ChallengeKind[] kinds)
    {
        Kinds = kinds;
    }

    /// <summary>The challenges the genuine recording performs (the host is restricted to these).</summary>
    public ChallengeKind[] Kinds { get; }

    public string Genuine => Path.Combine(_directory, "genuine.y4m");

    public string Still => Path.Combine(_directory, "still.y4m");

    public static FakeCameras Create()
    {
        var root = RepositoryRoot.Path;
        var face = SampleFace.Locate(root, 3);
        using var head = face.Render(root);
        var cameras = new FakeCameras([ChallengeKind.Blink, ChallengeKind.TurnHeadLeft, ChallengeKind.OpenMouth]);
        var loop = new List<byte[]>();
        foreach (var kind in cameras.Kinds)
        {
            loop.AddRange(Enumerable.Range(0, RenderedHead.RestBefore).Select(_ => head.Rest()));
            loop.AddRange(head.Gesture(kind));
        }
        cameras.Write(cameras.Genuine, loop);
        using var photoFrames = new SampleFaceFrames(face.Photo, face.Mesh, seed: 3);
        var still = photoFrames.Still();
        cameras.Write(cameras.Still, Enumerable.Repeat(still, FramesPerSecond * 2).ToList());
        return cameras;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Write(string y4m, IReadOnlyList<byte[]> frames)
    {
        var frameDirectory = Directory.CreateDirectory(Path.Combine(_directory, Path.GetFileNameWithoutExtension(y4m))).FullName;
        for (var i = 0; i < frames.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(frameDirectory, $"{i:D4}.jpg"), frames[i]);
        }
        var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg")
        {
            ArgumentList = { "-v", "error", "-y", "-framerate", FramesPerSecond.ToString(), "-i", Path.Combine(frameDirectory, "%04d.jpg"), "-pix_fmt", "yuv420p", y4m },
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("ffmpeg did not start (apt-get install ffmpeg)");
        var error = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0 || !File.Exists(y4m))
        {
            throw new InvalidOperationException($"ffmpeg failed ({ffmpeg.ExitCode}): {error}");
        }
    }
}
