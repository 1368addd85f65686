using System.Diagnostics;
using SecureCall.Tests.Shared;

namespace SecureCall.E2E.Infrastructure;

/// <summary>
/// The still photo for Chromium's fake camera: a y4m file made with ffmpeg from a sample photo, the same picture in
/// every frame (a photo held up to the camera). The genuine person is a <see cref="ReactiveCamera"/>, which answers
/// what the page asks; a looped recording cannot.
/// </summary>
public sealed class StillPhotoCamera : IDisposable
{
    public const int FramesPerSecond = RenderedHead.FramesPerSecond;

    private readonly string _directory = Directory.CreateTempSubdirectory("securecall-camera-").FullName;

    public string File => Path.Combine(_directory, "still.y4m");

    public static StillPhotoCamera Create()
    {
        var root = RepositoryRoot.Path;
        var face = SampleFace.Locate(root, 3);
        var camera = new StillPhotoCamera();
        using var photoFrames = new SampleFaceFrames(face.Photo, face.Mesh, seed: 3);
        var still = photoFrames.Still();
        camera.Write(camera.File, Enumerable.Repeat(still, FramesPerSecond * 2).ToList());
        return camera;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Write(string y4m, IReadOnlyList<byte[]> frames)
    {
        var frameDirectory = Directory.CreateDirectory(Path.Combine(_directory, Path.GetFileNameWithoutExtension(y4m))).FullName;
        for (var i = 0; i < frames.Count; i++)
        {
            System.IO.File.WriteAllBytes(Path.Combine(frameDirectory, $"{i:D4}.jpg"), frames[i]);
        }
        var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg")
        {
            ArgumentList = { "-v", "error", "-y", "-framerate", FramesPerSecond.ToString(), "-i", Path.Combine(frameDirectory, "%04d.jpg"), "-pix_fmt", "yuv420p", y4m },
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("ffmpeg did not start (apt-get install ffmpeg)");
        var error = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0 || !System.IO.File.Exists(y4m))
        {
            throw new InvalidOperationException($"ffmpeg failed ({ffmpeg.ExitCode}): {error}");
        }
    }
}
