using System.Text.Json;
using Microsoft.Playwright;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;
using SecureCall.Tests.Shared;

namespace SecureCall.E2E.Infrastructure;

/// <summary>
/// A camera that does what the page asks, as a cooperative person would (ARCHITECTURE §6): the page's getUserMedia
/// video is a canvas stream (<c>captureStream</c>) playing frames of the rendered 3-D head (<see cref="RenderedHead"/>),
/// a resting loop until the page's instruction (<c>#instruction</c>, the text a person reads) names a gesture, then
/// that gesture <see cref="ReactionMs"/> later, then rest again. A looped recording cannot react, so it only ever
/// exercised the kinds it happened to perform; this one answers every kind of the default pool. The frames are
/// rendered once per run and served to the page from memory under <see cref="PathPrefix"/>; audio, when asked for,
/// still comes from Chromium's fake device.
/// </summary>
public sealed class ReactiveCamera
{
    /// <summary>How long after the instruction appears the camera starts the gesture (a person reading it).</summary>
    public const int ReactionMs = 700;

    /// <summary>Frames of the resting loop (played forwards and back, so it never jumps).</summary>
    public const int RestFrames = 30;

    private const string PathPrefix = "/__camera/";
    private const string Rest = "Rest";

    private readonly Dictionary<string, IReadOnlyList<byte[]>> _frames;
    private readonly string _script;

    private ReactiveCamera(Dictionary<string, IReadOnlyList<byte[]>> frames)
    {
        _frames = frames;
        var config = new
        {
            fps = RenderedHead.FramesPerSecond, width = RenderedHead.Width, height = RenderedHead.Height, reactionMs = ReactionMs,
            prefix = PathPrefix, rest = frames[Rest].Count,
            gestures = frames.Where(f => f.Key != Rest).ToDictionary(f => f.Key, f => f.Value.Count),
        };
        _script = Script.Replace("%CONFIG%", JsonSerializer.Serialize(config), StringComparison.Ordinal);
    }

    /// <summary>The kinds it can answer: the server's default pool.</summary>
    public static IReadOnlyList<ChallengeKind> Kinds => VerificationOptions.DefaultChallengeKinds;

    /// <summary>Renders the resting loop and one gesture per kind of the default pool from sample photo 3.</summary>
    public static ReactiveCamera Create()
    {
        var root = RepositoryRoot.Path;
        using var head = SampleFace.Locate(root, 3).Render(root);
        var frames = new Dictionary<string, IReadOnlyList<byte[]>>
        {
            [Rest] = Enumerable.Range(0, RestFrames).Select(_ => head.Rest()).ToList(),
        };
        foreach (var kind in Kinds)
        {
            frames[kind.ToString()] = head.Gesture(kind);
        }
        return new ReactiveCamera(frames);
    }

    /// <summary>Replaces the camera of every page of <paramref name="context"/> with this one.</summary>
    public async Task InstallAsync(IBrowserContext context)
    {
        await context.RouteAsync($"**{PathPrefix}**", async route =>
        {
            var parts = new Uri(route.Request.Url).AbsolutePath[PathPrefix.Length..].Split('/');
            if (parts.Length == 2 && _frames.TryGetValue(parts[0], out var frames) && int.TryParse(parts[1], out var i) && i >= 0 && i < frames.Count)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "image/jpeg", BodyBytes = frames[i] });
            }
            else
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 404 });
            }
        });
        await context.AddInitScriptAsync(_script);
    }

    /// <summary>The gestures the camera performed on <paramref name="page"/>, in order (kind names).</summary>
    public static Task<string[]> PerformedAsync(IPage page) => page.EvaluateAsync<string[]>("() => window.__camera?.performed ?? []");

    // Reads the instruction as a person would (its words, not a kind sent by the server); JPEG blobs are kept (a few MB),
    // decoded frame by frame, so a page does not hold hundreds of decoded bitmaps.
    private const string Script = """
        (() => {
          const cfg = %CONFIG%;
          if (!navigator.mediaDevices?.getUserMedia) return;
          const words = [['blink', 'Blink'], ['to your left', 'TurnHeadLeft'], ['to your right', 'TurnHeadRight'], ['look up', 'LookUp'],
            ['nod', 'Nod'], ['open your mouth', 'OpenMouth'], ['eyebrows', 'RaiseEyebrows'], ['surprised', 'ShowSurprise'], ['smile', 'Smile']];
          const kindOf = (text) => { const t = (text || '').toLowerCase(); const w = words.find(([k]) => t.includes(k)); return w && cfg.gestures[w[1]] ? w[1] : null; };
          const blobs = new Map();
          const load = (name, i) => { const key = name + '/' + i; if (!blobs.has(key)) blobs.set(key, fetch(cfg.prefix + key).then((r) => r.blob())); return blobs.get(key); };
          const canvas = document.createElement('canvas');
          canvas.width = cfg.width; canvas.height = cfg.height;
          const ctx = canvas.getContext('2d');
          const camera = (window.__camera = { performed: [] });
          let queue = [], rest = 0, step = 1, seen = null, pending = null, running = false;
          const next = () => {
            const text = document.getElementById('instruction')?.textContent ?? '';
            if (text !== seen) { seen = text; const kind = kindOf(text); pending = kind ? { kind, at: performance.now() + cfg.reactionMs } : null; }
            if (pending && queue.length === 0 && performance.now() >= pending.at) {
              const kind = pending.kind;
              queue = Array.from({ length: cfg.gestures[kind] }, (_, i) => [kind, i]);
              camera.performed.push(kind);
              pending = null;
            }
            if (queue.length) return queue.shift();
            const frame = ['Rest', rest];
            if (rest + step < 0 || rest + step >= cfg.rest) step = -step;
            rest += step;
            return frame;
          };
          // A camera's steady rate: a late frame does not make the next ones come early (bunched frames would skip
          // a gesture's intermediate poses).
          const loop = async () => {
            const began = performance.now();
            try {
              const bitmap = await createImageBitmap(await load(...next()));
              ctx.drawImage(bitmap, 0, 0, cfg.width, cfg.height);
              bitmap.close();
            } catch (e) { /* a frame that failed to load is skipped, as a camera drops one */ }
            setTimeout(loop, Math.max(0.6 * 1000 / cfg.fps, 1000 / cfg.fps - (performance.now() - began)));
          };
          // Every frame is fetched once, when the camera opens (a few MB): a first fetch in the middle of a gesture would
          // stall it. The resting loop is awaited; the gestures arrive while the first instruction is still hidden.
          const prefetch = () => {
            Object.entries(cfg.gestures).forEach(([kind, n]) => Array.from({ length: n }, (_, i) => load(kind, i)));
            return Promise.all(Array.from({ length: cfg.rest }, (_, i) => load('Rest', i)));
          };
          const native = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
          navigator.mediaDevices.getUserMedia = async (constraints = {}) => {
            if (!constraints.video) return native(constraints);
            if (!running) { running = true; await prefetch(); void loop(); }
            // No frame rate given: a frame is captured on every drawing, none is dropped by a capture clock.
            const stream = canvas.captureStream();
            if (constraints.audio) (await native({ audio: constraints.audio })).getAudioTracks().forEach((t) => stream.addTrack(t));
            return stream;
          };
        })();
        """;
}
