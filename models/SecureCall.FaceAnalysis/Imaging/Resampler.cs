using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SecureCall.FaceAnalysis.Imaging;

/// <summary>
/// Bilinear resize with TF's align_corners=false, half_pixel_centers=false convention
/// (source = destination·in/out, no half-pixel shift), which the models were fed with in TF.js.
/// Arithmetic follows TF.js' cpu kernel (double precision, lerp along x then y).
/// </summary>
public static class Resampler
{
    private const int MaxSize = 1024;

    /// <summary>
    /// Resizes <paramref name="crop"/> of <paramref name="image"/> to size×size and writes NHWC RGB
    /// values <c>v·scale + offset</c> into <paramref name="destination"/>.
    /// </summary>
    public static void ResizeRgb(RgbaImage image, CropRect crop, int size, float scale, float offset, Span<float> destination)
    {
        var table = new SampleTable(image, crop, size, stackalloc int[4 * size], stackalloc double[2 * size]);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, size * size * 3, nameof(destination));
        // Hot loop (about 0.1 M values per model input): offsets were range-checked once in SampleTable, so the
        // reads go through refs without per-pixel bounds checks. The arithmetic is exactly the checked version's.
        ref var pixels = ref MemoryMarshal.GetArrayDataReference(image.Pixels);
        ref var output = ref MemoryMarshal.GetReference(destination);
        for (var y = 0; y < size; y++)
        {
            var (top, bottom, fy) = table.Row(y);
            ref var upperRow = ref Unsafe.Add(ref pixels, top);
            ref var lowerRow = ref Unsafe.Add(ref pixels, bottom);
            ref var row = ref Unsafe.Add(ref output, y * size * 3);
            for (var x = 0; x < size; x++)
            {
                var (left, right, fx) = table.Column(x);
                ref var upperLeft = ref Unsafe.Add(ref upperRow, left);
                ref var upperRight = ref Unsafe.Add(ref upperRow, right);
                ref var lowerLeft = ref Unsafe.Add(ref lowerRow, left);
                ref var lowerRight = ref Unsafe.Add(ref lowerRow, right);
                ref var target = ref Unsafe.Add(ref row, 3 * x);
                target = (float)((Lerp(upperLeft, upperRight, lowerLeft, lowerRight, fx, fy) * scale) + offset);
                Unsafe.Add(ref target, 1) = (float)((Lerp(Unsafe.Add(ref upperLeft, 1), Unsafe.Add(ref upperRight, 1),
                    Unsafe.Add(ref lowerLeft, 1), Unsafe.Add(ref lowerRight, 1), fx, fy) * scale) + offset);
                Unsafe.Add(ref target, 2) = (float)((Lerp(Unsafe.Add(ref upperLeft, 2), Unsafe.Add(ref upperRight, 2),
                    Unsafe.Add(ref lowerLeft, 2), Unsafe.Add(ref lowerRight, 2), fx, fy) * scale) + offset);
            }
        }
    }

    /// <summary>Grey (ITU-R 601 weights on [0,1] values) mapped to [-1,1], as the emotion model expects.</summary>
    public static void ResizeGrey(RgbaImage image, CropRect crop, int size, Span<float> destination)
    {
        var table = new SampleTable(image, crop, size, stackalloc int[4 * size], stackalloc double[2 * size]);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, size * size, nameof(destination));
        ref var pixels = ref MemoryMarshal.GetArrayDataReference(image.Pixels);
        ref var output = ref MemoryMarshal.GetReference(destination);
        for (var y = 0; y < size; y++)
        {
            var (top, bottom, fy) = table.Row(y);
            ref var upperRow = ref Unsafe.Add(ref pixels, top);
            ref var lowerRow = ref Unsafe.Add(ref pixels, bottom);
            for (var x = 0; x < size; x++)
            {
                var (left, right, fx) = table.Column(x);
                var r = Lerp(Unsafe.Add(ref upperRow, left), Unsafe.Add(ref upperRow, right), Unsafe.Add(ref lowerRow, left), Unsafe.Add(ref lowerRow, right), fx, fy);
                var g = Lerp(Unsafe.Add(ref upperRow, left + 1), Unsafe.Add(ref upperRow, right + 1), Unsafe.Add(ref lowerRow, left + 1), Unsafe.Add(ref lowerRow, right + 1), fx, fy);
                var b = Lerp(Unsafe.Add(ref upperRow, left + 2), Unsafe.Add(ref upperRow, right + 2), Unsafe.Add(ref lowerRow, left + 2), Unsafe.Add(ref lowerRow, right + 2), fx, fy);
                var grey = ((r * 0.2989) + (g * 0.587) + (b * 0.114)) / 255.0;
                Unsafe.Add(ref output, (y * size) + x) = (float)((grey - 0.5) * 2);
            }
        }
    }

    private static double Lerp(double topLeft, double topRight, double bottomLeft, double bottomRight, double fx, double fy)
    {
        var upper = topLeft + ((topRight - topLeft) * fx);
        var lower = bottomLeft + ((bottomRight - bottomLeft) * fx);
        return upper + ((lower - upper) * fy);
    }

    /// <summary>Source byte offsets and fractions per output row and column, computed once per resize.</summary>
    private readonly ref struct SampleTable
    {
        private readonly Span<int> _offsets;
        private readonly Span<double> _fractions;
        private readonly int _size;

        public SampleTable(RgbaImage image, CropRect crop, int size, Span<int> offsets, Span<double> fractions)
        {
            if (size <= 0 || size > MaxSize)
            {
                throw new ArgumentOutOfRangeException(nameof(size));
            }

            if (crop.Left < 0 || crop.Top < 0 || crop.Width < 1 || crop.Height < 1 || crop.Left + crop.Width > image.Width || crop.Top + crop.Height > image.Height)
            {
                throw new ArgumentOutOfRangeException(nameof(crop), $"{crop} is not inside the {image.Width}×{image.Height} image.");
            }

            _offsets = offsets;
            _fractions = fractions;
            _size = size;
            var stride = image.Width * 4;
            Fill(0, crop.Top, crop.Height, stride);
            Fill(1, crop.Left, crop.Width, 4);
        }

        public (int Low, int High, double Fraction) Row(int i) => (_offsets[i], _offsets[_size + i], _fractions[i]);

        public (int Low, int High, double Fraction) Column(int i) => (_offsets[(2 * _size) + i], _offsets[(3 * _size) + i], _fractions[_size + i]);

        private void Fill(int axis, int start, int length, int step)
        {
            var ratio = length / (double)_size;
            for (var i = 0; i < _size; i++)
            {
                var source = ratio * i;
                var floor = (int)Math.Floor(source);
                var ceil = Math.Min(length - 1, (int)Math.Ceiling(source));
                _offsets[(2 * axis * _size) + i] = (start + floor) * step;
                _offsets[(((2 * axis) + 1) * _size) + i] = (start + ceil) * step;
                _fractions[(axis * _size) + i] = source - floor;
            }
        }
    }
}
