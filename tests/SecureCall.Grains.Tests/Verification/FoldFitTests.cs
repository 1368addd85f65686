using System.Numerics;
using SecureCall.Grains.Verification;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// The folded-plane map on exact perspective views: a sheet folded along a line (two planes meeting there) fits with
/// no residual when the line is the fold, in any direction; two pieces that do not meet at the line (a step between
/// them), and the same sheet split at a wrong line, do not.
/// </summary>
public sealed class FoldFitTests
{
    private const float Focal = 600;

    [Theory]
    [InlineData(0f, 0f, 30f, 25f, 0f)]
    [InlineData(0.2f, 20f, 30f, 0f, 20f)]
    [InlineData(-0.15f, -35f, 45f, 20f, -15f)]
    public void Residual_SheetFoldedAlongTheLine_IsZero(float offset, float slantDegrees, float foldDegrees, float yaw, float pitch)
    {
        var (normal, sheet) = Sheet(offset, slantDegrees, foldDegrees, step: 0);

        var (from, to) = (View(sheet, 0, 0), View(sheet, yaw, pitch));

        Assert.True(new FoldFit(from, to).Residual(normal, offset * Focal / 2) < 1e-3f);
    }

    [Fact]
    public void Residual_PiecesNotMeetingAtTheLine_IsLarge()
    {
        // Two pieces each flat, the second 20 % of the sheet's width nearer the camera than where the first ends.
        var (normal, sheet) = Sheet(0, 0, 20, step: 0.2f);

        var residual = new FoldFit(View(sheet, 0, 0), View(sheet, 25, 0)).Residual(normal, 0);

        Assert.True(residual > 1f, $"residual {residual} px");
    }

    [Fact]
    public void Residual_WrongLine_IsLarge()
    {
        var (normal, sheet) = Sheet(0, 0, 30, step: 0);

        var residual = new FoldFit(View(sheet, 0, 0), View(sheet, 25, 0)).Residual(normal, 0.3f * Focal / 2);

        Assert.True(residual > 1f, $"residual {residual} px");
    }

    [Fact]
    public void Residual_TooFewPoints_IsInfinite()
    {
        var points = new[] { Vector2.Zero, Vector2.One, new Vector2(1, 0), new Vector2(0, 1), new Vector2(2, 1) };

        Assert.Equal(float.PositiveInfinity, new FoldFit(points, points).Residual(Vector2.UnitX, 0.5f));
    }

    /// <summary>
    /// A 9×9 grid on a unit sheet (x, y in −0.5…0.5) folded back by <paramref name="foldDegrees"/> along the line
    /// normal·(x, y) = offset, slanted <paramref name="slantDegrees"/> from vertical; the piece beyond the line is
    /// moved <paramref name="step"/> towards the camera. Returns the line's normal and the 3-D points.
    /// </summary>
    private static (Vector2 Normal, List<Vector3> Points) Sheet(float offset, float slantDegrees, float foldDegrees, float step)
    {
        var slant = slantDegrees * MathF.PI / 180;
        var normal = new Vector2(MathF.Cos(slant), MathF.Sin(slant));
        var bend = MathF.Tan(foldDegrees * MathF.PI / 180);
        var points = new List<Vector3>();
        for (var i = 0; i < 9; i++)
        {
            for (var j = 0; j < 9; j++)
            {
                var p = new Vector2((i / 8f) - 0.5f, (j / 8f) - 0.5f);
                var beyond = Vector2.Dot(normal, p) - offset;
                points.Add(new Vector3(p, beyond > 0 ? (beyond * bend) + step : 0));
            }
        }
        return (normal, points);
    }

    /// <summary>
    /// The sheet turned about its centre and seen by a pinhole camera two sheet widths away, in pixels. In the first
    /// view the fold line (where z = 0) is the sheet's line scaled by Focal / 2.
    /// </summary>
    private static List<Vector2> View(List<Vector3> sheet, float yaw, float pitch)
    {
        var rotation = Matrix4x4.CreateFromYawPitchRoll(yaw * MathF.PI / 180, pitch * MathF.PI / 180, 0);
        return sheet.Select(p =>
        {
            var q = Vector3.Transform(p, rotation);
            var depth = 2 - q.Z;
            return new Vector2(Focal * q.X / depth, Focal * q.Y / depth);
        }).ToList();
    }
}
