package org.tca4j.convert.pickle;

import java.util.List;
import org.tca4j.convert.formats.SourceDType;

/** The values {@link RestrictedUnpickler} builds: plain Java objects plus these few records. */
public final class PickleValues {
    private PickleValues() {}

    /** Python's {@code None}. */
    public enum None { NONE }

    /** A Python tuple. */
    public record Tuple(List<Object> items) {
        public Tuple {
            items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
        }
    }

    /** A global that passed the allow-list, e.g. {@code torch FloatStorage}. */
    public record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /**
     * A torch storage named by a persistent id: the zip record {@code data/<key>} holding {@code numel} elements.
     */
    public record StorageRef(SourceDType dtype, String key, long numel) {}

    /** {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)}: a view of a storage, in elements. */
    public record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {}
}
