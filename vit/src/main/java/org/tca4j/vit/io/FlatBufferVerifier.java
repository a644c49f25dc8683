package org.tca4j.vit.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Checks the parts of a FlatBuffer that the generated accessors will read, before they read them.
 *
 * <p>FlatBuffers' Java runtime trusts its input: a bad offset becomes an IndexOutOfBounds or garbage. This class
 * follows every reference the way the runtime does ({@code Table.__offset}, {@code __indirect}, {@code __vector},
 * {@code __string}, with the same signed 32-bit arithmetic) and checks that the vtable, the field, the referenced
 * table, vector or string lie inside the buffer, that every field the schema requires is present, and that strings
 * are null-terminated. Offsets only point forward, so following them always ends.
 *
 * <p>Deviations from the reference (the C++ {@code flatbuffers::Verifier}): no depth or table-count limits (our
 * schema's nesting is fixed), no alignment checks (Java reads unaligned values), and absent fields are errors,
 * since the converter writes every field.
 */
final class FlatBufferVerifier {
    private final ByteBuffer bb;
    private final int size;
    private final Path file;

    /** {@code bb} holds exactly the FlatBuffer (position 0, limit its size). */
    FlatBufferVerifier(ByteBuffer bb, Path file) {
        this.bb = bb.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.size = bb.limit();
        this.file = file;
    }

    /** The root table's position, checked. */
    int root() throws ModelFileException {
        need(0, 4, "root offset");
        return table(reference(0, "root table"), "root table");
    }

    /** Checks the table at {@code pos}: its vtable and inline part lie in the buffer. Returns {@code pos}. */
    int table(int pos, String what) throws ModelFileException {
        need(pos, 4, what);
        long vtable = (long) pos - bb.getInt(pos);
        if (vtable < 0 || vtable + 4 > size) {
            throw corrupt(what + ": vtable at " + vtable + " lies outside the " + size + "-byte header");
        }
        int vtableSize = bb.getShort((int) vtable);
        int inlineSize = bb.getShort((int) vtable + 2);
        if (vtableSize < 4 || vtableSize % 2 != 0 || vtable + vtableSize > size) {
            throw corrupt(what + ": vtable of " + vtableSize + " bytes at " + vtable + " is malformed");
        }
        if (inlineSize < 4 || (long) pos + inlineSize > size) {
            throw corrupt(what + ": table of " + inlineSize + " bytes at " + pos + " runs past the header");
        }
        return pos;
    }

    /** The position of field {@code index}'s inline value ({@code width} bytes) in a checked table; it must be present. */
    int field(int table, int index, int width, String what) throws ModelFileException {
        int vtable = table - bb.getInt(table);
        int vtableSize = bb.getShort(vtable);
        int slot = 4 + 2 * index;
        int fieldOffset = slot < vtableSize ? bb.getShort(vtable + slot) : 0;
        if (fieldOffset == 0) {
            throw corrupt("field '" + what + "' is missing");
        }
        int inlineSize = bb.getShort(vtable + 2);
        if (fieldOffset < 4 || fieldOffset + width > inlineSize) {
            throw corrupt("field '" + what + "' at offset " + fieldOffset + " lies outside its " + inlineSize + "-byte table");
        }
        return table + fieldOffset;
    }

    /** Follows the 32-bit forward offset stored at {@code at}; the target must leave room for a 4-byte word. */
    int reference(int at, String what) throws ModelFileException {
        need(at, 4, what);
        int offset = bb.getInt(at);
        long target = (long) at + offset;
        if (offset <= 0 || target + 4 > size) {
            throw corrupt(what + ": offset " + offset + " at " + at + " points outside the " + size + "-byte header");
        }
        return (int) target;
    }

    /** The sub-table referenced by field {@code index}, checked. */
    int subTable(int table, int index, String what) throws ModelFileException {
        return table(reference(field(table, index, 4, what), what), what);
    }

    /** The vector referenced by field {@code index}: returns the position of its length word, all elements checked in bounds. */
    int vector(int table, int index, int elementSize, String what) throws ModelFileException {
        int vector = reference(field(table, index, 4, what), what);
        int length = bb.getInt(vector);
        if (length < 0 || vector + 4L + (long) length * elementSize > size) {
            throw corrupt("vector '" + what + "' of " + Integer.toUnsignedString(length) + " elements runs past the header");
        }
        return vector;
    }

    /** The element count of a checked vector. */
    int length(int vector) {
        return bb.getInt(vector);
    }

    /**
     * Checks the string referenced by the offset at {@code at}: in bounds and null-terminated. Its UTF-8 is checked
     * when the generated accessor decodes it (FlatBuffers' {@code Utf8Safe} throws IllegalArgumentException).
     */
    void string(int at, String what) throws ModelFileException {
        int string = reference(at, what);
        int length = bb.getInt(string);
        if (length < 0 || string + 4L + length + 1 > size) {
            throw corrupt("string '" + what + "' of " + Integer.toUnsignedString(length) + " bytes runs past the header");
        }
        if (bb.get(string + 4 + length) != 0) {
            throw corrupt("string '" + what + "' is not null-terminated");
        }
    }

    /** The string field {@code index} of a checked table. */
    void stringField(int table, int index, String what) throws ModelFileException {
        string(field(table, index, 4, what), what);
    }

    private void need(int pos, int bytes, String what) throws ModelFileException {
        if (pos < 0 || (long) pos + bytes > size) {
            throw corrupt(what + " at " + pos + " lies outside the " + size + "-byte header");
        }
    }

    ModelFileException corrupt(String problem) {
        return new ModelFileException(file, "corrupt header: " + problem);
    }
}
