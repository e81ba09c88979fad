package dev.dendrite.onnx;

import dev.dendrite.onnx.proto.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The values of an ONNX tensor (an initializer or a Constant node's value), decoded only after its
 * declared shape has been checked against the bytes the file holds for it: a tensor that declares
 * a billion elements and carries four bytes is refused before anything is allocated.
 *
 * <p>Float tensors are read from {@code raw_data} (little-endian) or {@code float_data}; 64-bit
 * integer tensors (shapes and indices) from {@code raw_data} or {@code int64_data}. Immutable by
 * convention: the arrays are not copied and must not be changed.
 *
 * @param dims   the shape
 * @param floats the values of a FLOAT tensor, else null
 * @param longs  the values of an INT64 or INT32 tensor, else null
 */
record TensorData(long[] dims, float[] floats, long[] longs) {
    /** ONNX data types this reader knows, by their TensorProto.DataType number. */
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    private static final int INT64 = TensorProto.DataType.INT64_VALUE;
    private static final int INT32 = TensorProto.DataType.INT32_VALUE;

    /** The number of elements. */
    int size() {
        return floats != null ? floats.length : longs.length;
    }

    /** The shape as ints (every dimension has been checked to fit). */
    int[] shape() {
        return Arrays.stream(dims).mapToInt(d -> (int) d).toArray();
    }

    /** The single value of a one-element tensor as a double, or NaN when it has more or fewer elements. */
    double scalar() {
        if (size() != 1) {
            return Double.NaN;
        }
        return floats != null ? floats[0] : longs[0];
    }

    /**
     * Decodes {@code tensor}; {@code where} names it for messages ({@code "file.onnx: initializer 'w'"}).
     *
     * @throws OnnxFormatException for an unsupported data type, external or segmented data, negative
     *                             dimensions, or a data length that disagrees with the shape
     */
    static TensorData decode(TensorProto tensor, String where) throws OnnxFormatException {
        if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL || tensor.getExternalDataCount() > 0) {
            throw new OnnxFormatException(where + ": expected data inside the file, got external data "
                    + "(save the model with its weights embedded)");
        }
        if (tensor.hasSegment()) {
            throw new OnnxFormatException(where + ": expected a whole tensor, got a segment");
        }
        int type = tensor.getDataType();
        if (type != FLOAT && type != INT64 && type != INT32) {
            throw new OnnxFormatException(where + ": expected data type FLOAT, INT64 or INT32, got "
                    + typeName(type));
        }
        long[] dims = tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long elements = elements(dims, where);
        if (type == FLOAT) {
            return new TensorData(dims, floats(tensor, elements, where), null);
        }
        return new TensorData(dims, null, integers(tensor, type, elements, where));
    }

    /** The element count, refused when a dimension is negative or the count cannot be an array's length. */
    private static long elements(long[] dims, String where) throws OnnxFormatException {
        long count = 1;
        for (long dim : dims) {
            if (dim < 0 || dim > Integer.MAX_VALUE) {
                throw new OnnxFormatException(where + ": expected dimensions from 0 to " + Integer.MAX_VALUE
                        + ", got " + Arrays.toString(dims));
            }
            count *= dim;
            if (count > Integer.MAX_VALUE - 8) {
                throw new OnnxFormatException(where + ": expected at most " + (Integer.MAX_VALUE - 8)
                        + " elements, got shape " + Arrays.toString(dims));
            }
        }
        return count;
    }

    private static float[] floats(TensorProto tensor, long elements, String where) throws OnnxFormatException {
        if (tensor.hasRawData()) {
            checkBytes(tensor.getRawData().size(), elements, Float.BYTES, where);
            float[] values = new float[(int) elements];
            tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }
        checkCount(tensor.getFloatDataCount(), elements, "float_data", where);
        float[] values = new float[(int) elements];
        for (int i = 0; i < values.length; i++) {
            values[i] = tensor.getFloatData(i);
        }
        return values;
    }

    private static long[] integers(TensorProto tensor, int type, long elements, String where)
            throws OnnxFormatException {
        int width = type == INT64 ? Long.BYTES : Integer.BYTES;
        if (tensor.hasRawData()) {
            checkBytes(tensor.getRawData().size(), elements, width, where);
            ByteBuffer bytes = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long[] values = new long[(int) elements];
            for (int i = 0; i < values.length; i++) {
                values[i] = width == Long.BYTES ? bytes.getLong() : bytes.getInt();
            }
            return values;
        }
        int count = type == INT64 ? tensor.getInt64DataCount() : tensor.getInt32DataCount();
        checkCount(count, elements, type == INT64 ? "int64_data" : "int32_data", where);
        long[] values = new long[(int) elements];
        for (int i = 0; i < values.length; i++) {
            values[i] = type == INT64 ? tensor.getInt64Data(i) : tensor.getInt32Data(i);
        }
        return values;
    }

    private static void checkBytes(long actual, long elements, int width, String where) throws OnnxFormatException {
        if (actual != elements * width) {
            throw new OnnxFormatException(where + ": shape holds " + elements + " elements (" + elements * width
                    + " bytes), raw_data has " + actual + " bytes");
        }
    }

    private static void checkCount(long actual, long elements, String field, String where) throws OnnxFormatException {
        if (actual != elements) {
            throw new OnnxFormatException(where + ": shape holds " + elements + " elements, " + field + " has "
                    + actual);
        }
    }

    /** The ONNX name of a data type number, or the number itself when it is not one. */
    static String typeName(int type) {
        TensorProto.DataType known = TensorProto.DataType.forNumber(type);
        return known == null ? "unknown data type " + type : known.name();
    }
}
