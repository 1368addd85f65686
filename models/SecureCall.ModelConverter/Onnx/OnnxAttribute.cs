namespace SecureCall.ModelConverter.Onnx;

/// <summary>A node attribute; exactly one of the value properties is set.</summary>
public sealed record OnnxAttribute(string Name, long? Int = null, float? Float = null, string? Text = null, long[]? Ints = null)
{
    // AttributeProto.AttributeType values.
    private const int TypeFloat = 1;
    private const int TypeInt = 2;
    private const int TypeString = 3;
    private const int TypeInts = 7;

    public ProtoWriter ToProto()
    {
        var writer = new ProtoWriter();
        writer.WriteString(1, Name);
        if (Float is { } f)
        {
            writer.WriteFloat(2, f);
            writer.WriteVarint(20, TypeFloat);
        }
        else if (Int is { } i)
        {
            writer.WriteVarint(3, i);
            writer.WriteVarint(20, TypeInt);
        }
        else if (Text is { } s)
        {
            writer.WriteString(4, s);
            writer.WriteVarint(20, TypeString);
        }
        else if (Ints is { } ints)
        {
            writer.WritePackedInt64(8, ints);
            writer.WriteVarint(20, TypeInts);
        }
        else
        {
            throw new InvalidOperationException($"Attribute '{Name}' has no value.");
        }

        return writer;
    }
}
