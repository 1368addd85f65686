using System.Numerics;

namespace SecureCall.Grains.Verification;

/// <summary>
/// How far a movement of the face's texture is from the movement of a flat picture (issue 13, item 4). Any plane - a print
/// or a screen, held at any angle - maps its points from one view to another by a homography; a print folded once
/// is two planes meeting at the fold, mapped by two homographies that agree along it (<see cref="FoldFit"/>). A real
/// head is not flat: when it turns or nods, the nose tip moves against the cheeks and the jaw line, and neither model
/// explains that. The residual is the smallest RMS error any of those flat models leaves, in face widths: near the
/// tracking noise for a picture, clearly above it for a head. Folds are tried along lines in every direction
/// (<see cref="FoldDirections"/>, then a quarter and half a step either side of the best), between every two
/// neighbouring points and through each point, so a fold off the nose line or at a slant is found too; each side keeps
/// at least <see cref="MinPointsPerSide"/> points.
/// The points are the reference frame's landmark subset and where the texture around each was found later
/// (<see cref="SecureCall.FaceAnalysis.Tracking.PatchTracker"/>), not the later frame's landmarks: the face model
/// places landmarks where a face's would be, so on a tilted or folded print they move non-planarly (measured: up to
/// 0.037 face widths), while the print's texture cannot.
/// A print cut in two with its pieces held apart (not meeting at a line) is not one of these models: the residual
/// does not stop it (docs/verification.md, "What this cannot stop").
/// </summary>
public static class FlatMotion
{
    /// <summary>Directions of the fold lines tried, evenly over 180° (7.5° apart).</summary>
    public const int FoldDirections = 24;

    /// <summary>Points each side of a fold must hold: with fewer, that side's plane is hardly constrained.</summary>
    public const int MinPointsPerSide = 6;

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

    /// <summary>The residual of the best flat model: one plane, or a print folded once along any line.</summary>
    /// <param name="reference">The reference frame's landmark subset (x, y, z per point).</param>
    /// <param name="tracked">Where each point's texture is later (x, y per point, NaN where lost).</param>
    public static float Residual(IReadOnlyList<float> reference, IReadOnlyList<float> tracked)
    {
        var (a, b, width) = Points(reference, tracked);
        var best = PlanarFit.HomographyResidual(a, b);
        var fold = new FoldFit(a, b);
        var across = new float[a.Length];
        // The best fold of the lines in one direction: between two neighbouring points (in this direction), and through
        // a point, since a fold along the nose runs through the face's midline points.
        float BestAlong(float angle)
        {
            var normal = new Vector2(MathF.Cos(angle), MathF.Sin(angle));
            for (var i = 0; i < a.Length; i++)
            {
                across[i] = Vector2.Dot(normal, a[i]);
            }
            Array.Sort(across);
            var along = float.PositiveInfinity;
            for (var split = MinPointsPerSide; split <= a.Length - MinPointsPerSide; split++)
            {
                if (across[split] > across[split - 1])
                {
                    along = Math.Min(along, fold.Residual(normal, (across[split - 1] + across[split]) / 2));
                    along = Math.Min(along, fold.Residual(normal, across[split - 1]));
                }
            }
            return along;
        }
        var (bestFold, bestAngle) = (float.PositiveInfinity, 0f);
        for (var k = 0; k < FoldDirections; k++)
        {
            var angle = MathF.PI * k / FoldDirections;
            var along = BestAlong(angle);
            (bestFold, bestAngle) = along < bestFold ? (along, angle) : (bestFold, bestAngle);
        }
        // A fold between two of those directions leaves a misfit: try a quarter and half a step either side of the best.
        foreach (var quarters in (ReadOnlySpan<int>)[-2, -1, 1, 2])
        {
            bestFold = Math.Min(bestFold, BestAlong(bestAngle + (quarters * MathF.PI / FoldDirections / 4)));
        }
        best = Math.Min(best, bestFold);
        return best / width;
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
