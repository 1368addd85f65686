using SecureCall.ModelConverter.Onnx;
using SecureCall.ModelConverter.Tfjs;

namespace SecureCall.ModelConverter.Conversion;

/// <summary>
/// Minimum/Maximum against a scalar become Clip, and Relu6 written as Minimum(6)→Maximum(0) becomes one
/// Clip(0, 6). Same values exactly, but ONNX Runtime can fuse Clip into the preceding Conv.
/// </summary>
public sealed partial class GraphConverter
{
    private readonly Dictionary<string, ConvertedValue> _mergedClips = new(StringComparer.Ordinal);

    private bool TryConvertScalarClip(TfjsNode node, out ConvertedValue result)
    {
        result = null!;
        if (node.Op is not ("Minimum" or "Maximum") || !TryScalarOperand(node, out var valueInput, out var bound))
        {
            return false;
        }

        if (_mergedClips.Remove(node.Name, out var merged))
        {
            result = merged;
            return true;
        }

        var input = Value(valueInput);
        string lower = string.Empty;
        string upper = string.Empty;
        if (node.Op == "Minimum")
        {
            upper = ScalarFloat(node.Name + ":max", bound);
            if (SoleConsumer(node.Name) is { Op: "Maximum" } next && TryScalarOperand(next, out var nextInput, out var floor) && nextInput == node.Name && floor <= bound)
            {
                lower = ScalarFloat(next.Name + ":min", floor);
                var name = Emit("Clip", ValueName(next.Name, input.Layout), [input.Name, lower, upper]);
                _mergedClips[next.Name] = new ConvertedValue(name, input.Layout, input.Shape);
                result = _mergedClips[next.Name];
                return true;
            }
        }
        else
        {
            lower = ScalarFloat(node.Name + ":min", bound);
        }

        var output = Emit("Clip", ValueName(node.Name, input.Layout), [input.Name, lower, upper]);
        result = new ConvertedValue(output, input.Layout, input.Shape);
        return true;
    }

    /// <summary>True when one input is a computed tensor and the other a single-value float constant.</summary>
    private bool TryScalarOperand(TfjsNode node, out string valueInput, out float bound)
    {
        valueInput = string.Empty;
        bound = 0;
        if (node.Inputs.Count != 2 || IsConst(node.Inputs[0]) == IsConst(node.Inputs[1]))
        {
            return false;
        }

        var constant = Const(IsConst(node.Inputs[0]) ? node.Inputs[0] : node.Inputs[1]);
        if (constant.Floats is not { Length: 1 } values || constant.Shape.Length > 1)
        {
            return false;
        }

        valueInput = IsConst(node.Inputs[0]) ? node.Inputs[1] : node.Inputs[0];
        bound = values[0];
        return true;
    }

    private TfjsNode? SoleConsumer(string name)
    {
        var consumers = _source.Nodes.Where(n => n.Inputs.Contains(name)).Take(2).ToList();
        return consumers.Count == 1 && !_source.SignatureOutputs.Contains(name) && !_extraOutputs.Contains(name) ? consumers[0] : null;
    }
}
