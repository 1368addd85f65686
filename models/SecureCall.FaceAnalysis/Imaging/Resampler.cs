using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SecureCall.FaceAnalysis.Imaging;

/// <summary>
/// Bilinear resize with TF's align_corners=false, half_pixel_centers=false convention
/// (source = destination·in/out, no half-pixel shift), which the models were fed with in TF.js.
/// Arithmetic follows TF.js' cpu kernel (double precision, lerp along x then y).
/// </summary>
/// <remarks>
/// This runs for every model input of every frame, so the loops read pixels through refs: the crop
/// and destination are checked once up front and every index comes from the sample tables, which
/// only hold offsets inside the crop.
/// </remarks>
public static class Resampler
{
    private const int MaxSize = 1024;

    /// <summary>
    /// Resizes <paramref name="crop"/> of <paramref name="image"/> to size×size and writes NHWC RGB
    /// values <c>v·scale + offset</c> into <paramref name="destination"/>.
    /// </summary>
    /// <remarks>
    /// Separable: each source row is interpolated along x once (consecutive output rows mostly share
    /// their two source rows), then the y step runs vectorised over whole rows. Same operations in the
    /// same order as the per-pixel kernel, so the result is bit-identical to it.
    /// </remarks>
    public static void ResizeRgb(RgbaImage image, CropRect crop, int size, float scale, float offset, Span<float> destination)
    {
        CheckArguments(image, crop, size, destination.Length, 3);
        Span<SamplePoint> rows = stackalloc SamplePoint[size];
        Span<SamplePoint> columns = stackalloc SamplePoint[size];
        FillTable(rows, crop.Top, crop.Height, image.Width * 4);
        FillTable(columns, crop.Left, crop.Width, 4);

        var width = size * 3;
        var buffer = ArrayPool<double>.Shared.Rent(2 * width);
        try
        {
            var cache = new RowCache(image.Pixels, columns, buffer.AsSpan(0, 2 * width));
            for (var y = 0; y < size; y++)
            {
                var row = rows[y];
                var top = cache.Get(row.Low);
                var bottom = cache.Get(row.High);
                LerpRows(top, bottom, row.Fraction, scale, offset, destination.Slice(y * width, width));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>out = (top + (bottom − top)·fy)·scale + offset, narrowed to float; the widening matches TF.js (float32 scale/offset applied in double).</summary>
    private static void LerpRows(ReadOnlySpan<double> top, ReadOnlySpan<double> bottom, double fy, double scale, double offset, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (vfy, vscale, voffset) = (new Vector<double>(fy), new Vector<double>(scale), new Vector<double>(offset));
            for (; i <= top.Length - (2 * Vector<double>.Count); i += 2 * Vector<double>.Count)
            {
                var t0 = new Vector<double>(top[i..]);
                var t1 = new Vector<double>(top[(i + Vector<double>.Count)..]);
                var b0 = new Vector<double>(bottom[i..]);
                var b1 = new Vector<double>(bottom[(i + Vector<double>.Count)..]);
                var v0 = ((t0 + ((b0 - t0) * vfy)) * vscale) + voffset;
                var v1 = ((t1 + ((b1 - t1) * vfy)) * vscale) + voffset;
                Vector.Narrow(v0, v1).CopyTo(destination[i..]);
            }
        }

        for (; i < top.Length; i++)
        {
            destination[i] = (float)(((top[i] + ((bottom[i] - top[i]) * fy)) * scale) + offset);
        }
    }

    /// <summary>Grey (ITU-R 601 weights on [0,1] values) mapped to [-1,1], as the emotion model expects.</summary>
    public static void ResizeGrey(RgbaImage image, CropRect crop, int size, Span<float> destination)
    {
        CheckArguments(image, crop, size, destination.Length, 1);
        Span<SamplePoint> rows = stackalloc SamplePoint[size];
        Span<SamplePoint> columns = stackalloc SamplePoint[size];
        FillTable(rows, crop.Top, crop.Height, image.Width * 4);
        FillTable(columns, crop.Left, crop.Width, 4);

        ref var pixels = ref MemoryMarshal.GetArrayDataReference(image.Pixels);
        ref var output = ref MemoryMarshal.GetReference(destination);
        ref var column0 = ref MemoryMarshal.GetReference(columns);
        for (var y = 0; y < size; y++)
        {
            var row = rows[y];
            ref var top = ref Unsafe.Add(ref pixels, row.Low);
            ref var bottom = ref Unsafe.Add(ref pixels, row.High);
            var fy = row.Fraction;
            ref var target = ref Unsafe.Add(ref output, y * size);
            for (var x = 0; x < size; x++)
            {
                var column = Unsafe.Add(ref column0, x);
                ref var topLeft = ref Unsafe.Add(ref top, column.Low);
                ref var topRight = ref Unsafe.Add(ref top, column.High);
                ref var bottomLeft = ref Unsafe.Add(ref bottom, column.Low);
                ref var bottomRight = ref Unsafe.Add(ref bottom, column.High);
                var fx = column.Fraction;
                var r = Lerp(topLeft, topRight, bottomLeft, bottomRight, fx, fy);
                var g = Lerp(Unsafe.Add(ref topLeft, 1), Unsafe.Add(ref topRight, 1), Unsafe.Add(ref bottomLeft, 1), Unsafe.Add(ref bottomRight, 1), fx, fy);
                var b = Lerp(Unsafe.Add(ref topLeft, 2), Unsafe.Add(ref topRight, 2), Unsafe.Add(ref bottomLeft, 2), Unsafe.Add(ref bottomRight, 2), fx, fy);
                var grey = ((r * 0.2989) + (g * 0.587) + (b * 0.114)) / 255.0;
                Unsafe.Add(ref target, x) = (float)((grey - 0.5) * 2);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Lerp(byte topLeft, byte topRight, byte bottomLeft, byte bottomRight, double fx, double fy)
    {
        double upper = topLeft + ((topRight - topLeft) * fx);
        double lower = bottomLeft + ((bottomRight - bottomLeft) * fx);
        return upper + ((lower - upper) * fy);
    }

    /// <summary>The checks that make the unchecked reads and writes in the loops safe.</summary>
    private static void CheckArguments(RgbaImage image, CropRect crop, int size, int destinationLength, int channels)
    {
        if (size <= 0 || size > MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size));
        }

        if (crop.Left < 0 || crop.Top < 0 || crop.Width < 1 || crop.Height < 1 || crop.Left + crop.Width > image.Width || crop.Top + crop.Height > image.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(crop), $"{crop} is not inside the {image.Width}×{image.Height} image.");
        }

        var decoded = image.Decoded;
        if (crop.Left < decoded.Left || crop.Top < decoded.Top || crop.Left + crop.Width > decoded.Left + decoded.Width || crop.Top + crop.Height > decoded.Top + decoded.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(crop), $"{crop} reaches outside the decoded part {decoded} of the frame.");
        }

        if (destinationLength < size * size * channels)
        {
            throw new ArgumentException($"Destination holds {destinationLength} values, {size}×{size}×{channels} needed.", "destination");
        }
    }

    /// <summary>Source byte offsets (floor and ceil sample) and the fraction between them, per output row or column.</summary>
    private static void FillTable(Span<SamplePoint> table, int start, int length, int step)
    {
        var ratio = length / (double)table.Length;
        for (var i = 0; i < table.Length; i++)
        {
            var source = ratio * i;
            var floor = (int)Math.Floor(source);
            var ceil = Math.Min(length - 1, (int)Math.Ceiling(source));
            table[i] = new SamplePoint((start + floor) * step, (start + ceil) * step, source - floor);
        }
    }

    /// <summary>
    /// Source rows interpolated along x (RGB as double), keeping the two most recently used: output
    /// rows walk down the source, so the next row usually needs one of them again.
    /// </summary>
    private ref struct RowCache
    {
        private readonly byte[] _pixels;
        private readonly ReadOnlySpan<SamplePoint> _columns;
        private Span<double> _recent;
        private Span<double> _older;
        private int _recentRow;
        private int _olderRow;

        public RowCache(byte[] pixels, ReadOnlySpan<SamplePoint> columns, Span<double> buffer)
        {
            _pixels = pixels;
            _columns = columns;
            _recent = buffer[..(buffer.Length / 2)];
            _older = buffer[(buffer.Length / 2)..];
            _recentRow = -1;
            _olderRow = -1;
        }

        /// <summary>The row starting at byte <paramref name="rowOffset"/>; valid until two other rows have been requested.</summary>
        public ReadOnlySpan<double> Get(int rowOffset)
        {
            if (rowOffset == _recentRow)
            {
                return _recent;
            }

            if (rowOffset != _olderRow)
            {
                LerpAlongX(rowOffset, _older);
                _olderRow = rowOffset;
            }

            var row = _older;
            _older = _recent;
            _recent = row;
            (_recentRow, _olderRow) = (_olderRow, _recentRow);
            return _recent;
        }

        private readonly void LerpAlongX(int rowOffset, Span<double> row)
        {
            ref var source = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_pixels), rowOffset);
            ref var target = ref MemoryMarshal.GetReference(row);
            for (var x = 0; x < _columns.Length; x++)
            {
                var column = _columns[x];
                ref var left = ref Unsafe.Add(ref source, column.Low);
                ref var right = ref Unsafe.Add(ref source, column.High);
                ref var value = ref Unsafe.Add(ref target, 3 * x);
                value = Lerp(left, right, column.Fraction);
                Unsafe.Add(ref value, 1) = Lerp(Unsafe.Add(ref left, 1), Unsafe.Add(ref right, 1), column.Fraction);
                Unsafe.Add(ref value, 2) = Lerp(Unsafe.Add(ref left, 2), Unsafe.Add(ref right, 2), column.Fraction);
            }
        }

        private static double Lerp(byte left, byte right, double fraction) => left + ((right - left) * fraction);
    }

    private readonly record struct SamplePoint(int Low, int High, double Fraction);
}
