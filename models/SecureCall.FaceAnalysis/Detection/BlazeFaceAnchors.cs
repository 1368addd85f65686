namespace SecureCall.FaceAnalysis.Detection;

/// <summary>
/// BlazeFace anchor centres in 256-px input units: rows 0–511 the stride-16 grid (16×16 cells,
/// 2 anchors each), rows 512–895 the stride-32 grid (8×8 cells, 6 anchors each).
/// </summary>
public static class BlazeFaceAnchors
{
    public const int InputSize = 256;
    public const int Count = 896;

    public static IReadOnlyList<(float X, float Y)> Centres { get; } = Build();

    private static (float X, float Y)[] Build()
    {
        var list = new List<(float, float)>(Count);
        foreach (var (stride, cells, perCell) in new[] { (16, 16, 2), (32, 8, 6) })
        {
            for (var y = 0; y < cells; y++)
            for (var x = 0; x < cells; x++)
            for (var a = 0; a < perCell; a++)
            {
                list.Add((stride * (x + 0.5f), stride * (y + 0.5f)));
            }
        }

        return [.. list];
    }
}
