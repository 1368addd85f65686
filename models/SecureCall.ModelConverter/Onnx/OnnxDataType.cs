namespace SecureCall.ModelConverter.Onnx;

/// <summary>TensorProto.DataType values used by the converter.</summary>
public enum OnnxDataType
{
    Float = 1,
    Int64 = 7,
}
