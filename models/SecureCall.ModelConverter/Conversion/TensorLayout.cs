namespace SecureCall.ModelConverter.Conversion;

/// <summary>How a converted value is laid out in the ONNX graph.</summary>
public enum TensorLayout
{
    /// <summary>Same axis order as in TF.js.</summary>
    Plain,

    /// <summary>A TF.js NHWC tensor held as NCHW, which is what ONNX Conv and pooling need.</summary>
    Nchw,
}
