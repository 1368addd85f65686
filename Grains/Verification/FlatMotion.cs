using System.Numerics;

namespace SecureCall.Grains.Verification;

/// <summary>
/// How far a movement of the face's texture is from the movement of a flat picture (issue 13, item 4). Any plane - a print
/// or a screen, held at any angle - maps its points from one view to another by a homography; a print folded once
/// is two planes, each with its own homography, meeting at the fold. A real head is not flat: when it turns or nods,
/// the nose tip moves against the cheeks and the jaw line, and no homography (nor a pair of them) explains that. The
/// residual is the smallest RMS error any of those flat models leaves, in face widths: near the tracking noise for a
/// picture, clearly above it for a head. Folds are tried along vertical and horizontal lines across the face.
/// The points are the reference frame's landmark subset and where the texture around each was found later
/// (<see cref="SecureCall.FaceAnalysis.Tracking.PatchTracker"/>), not the later frame's landmarks: the face model
/// places landmarks where a face's would be, so on a tilted or folded print they move non-planarly (measured: up to
/// 0.037 face widths), while the print's texture cannot.
/// </summary>
public static class FlatMotion
{
    /// <summary>Where fold lines are tried, as fractions of the face's extent.</summary>
    private static readonly float[] FoldPositions = [.. Enumerable.Range(0, 13).Select(i => 0.2f + (0.05f * i))];

    /// <summary>Points this close to a fold (fraction of the face's extent) belong to both planes.</summary>
    private const float FoldBand = 0.04f;

    /// <summary>Tracked points needed for a fit: fewer and the texture was not followed through the movement.</summary>
    public const int MinTrackedPoints = 14;

    /// <summary>The residual of the best one-plane model, in face widths.</summary>
    /// <param name="reference">The reference frame's landmark subset (x, y, z per point).</param>
    /// <param name="tracked">Where each point's texture is later (x, y per point, NaN where lost).</param>
    public static float OnePlane(IReadOnlyList<float> reference, IReadOnlyList<float> tracked)
    {
        var (a, b, width) = Points(reference, tracked);
        return PlanarFit.HomographyResidual(a, b) / width;
    }

    /// <summary>The residual of the best flat model: one plane, or two planes folded along a vertical or a horizontal line.</summary>
    /// <param name="reference">The reference frame's landmark subset (x, y, z per point).</param>
    /// <param name="tracked">Where each point's texture is later (x, y per point, NaN where lost).</param>
    public static float Residual(IReadOnlyList<float> reference, IReadOnlyList<float> tracked)
    {
        var (a, b, width) = Points(reference, tracked);
        var best = PlanarFit.HomographyResidual(a, b);
        foreach (var vertical in new[] { true, false })
        {
            var (low, high) = (a.Min(p => vertical ? p.X : p.Y), a.Max(p => vertical ? p.X : p.Y));
            foreach (var position in FoldPositions)
            {
                best = Math.Min(best, Folded(a, b, p => vertical ? p.X : p.Y, low + (position * (high - low)), FoldBand * (high - low)));
            }
        }
        return best / width;
    }

    /// <summary>RMS over all points of two homographies, one for each side of the fold at <paramref name="line"/>.</summary>
    private static float Folded(Vector2[] a, Vector2[] b, Func<Vector2, float> across, float line, float band)
    {
        var first = Enumerable.Range(0, a.Length).Where(i => across(a[i]) <= line + band).ToList();
        var second = Enumerable.Range(0, a.Length).Where(i => across(a[i]) >= line - band).ToList();
        var r1 = PlanarFit.HomographyResidual(first.Select(i => a[i]).ToList(), first.Select(i => b[i]).ToList());
        var r2 = PlanarFit.HomographyResidual(second.Select(i => a[i]).ToList(), second.Select(i => b[i]).ToList());
        return MathF.Sqrt(((r1 * r1 * first.Count) + (r2 * r2 * second.Count)) / (first.Count + second.Count));
    }

    /// <summary>How many points of <paramref name="tracked"/> were found.</summary>
    public static int Count(IReadOnlyList<float>? tracked) =>
        tracked is null ? 0 : Enumerable.Range(0, tracked.Count / 2).Count(i => float.IsFinite(tracked[2 * i]) && float.IsFinite(tracked[(2 * i) + 1]));

    /// <summary>The pairs whose texture was found, and the reference face's width.</summary>
    private static (Vector2[] From, Vector2[] To, float Width) Points(IReadOnlyList<float> reference, IReadOnlyList<float> tracked)
    {
        var from = FaceLandmarks.Points(reference);
        var found = Enumerable.Range(0, Math.Min(from.Length, tracked.Count / 2))
            .Where(i => float.IsFinite(tracked[2 * i]) && float.IsFinite(tracked[(2 * i) + 1])).ToList();
        return (found.Select(i => from[i]).ToArray(), found.Select(i => new Vector2(tracked[2 * i], tracked[(2 * i) + 1])).ToArray(),
            Math.Max(FaceLandmarks.FaceWidth(from), 1e-4f));
    }
}
