package org.tca4j.convert.pickle;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tca4j.convert.formats.SourceDType;
import org.tca4j.convert.pickle.PickleValues.Global;
import org.tca4j.convert.pickle.PickleValues.None;
import org.tca4j.convert.pickle.PickleValues.StorageRef;
import org.tca4j.convert.pickle.PickleValues.TensorRef;
import org.tca4j.convert.pickle.PickleValues.Tuple;

/**
 * Reads the pickle of a PyTorch checkpoint ({@code data.pkl}) without running anything.
 *
 * <p>It interprets the opcodes a state dict or a training checkpoint uses (protocols 2 to 4) and builds plain
 * values. A {@code GLOBAL} is resolved only if it is on the allow-list ({@code collections.OrderedDict},
 * {@code torch._utils._rebuild_tensor_v2}, the {@code torch.*Storage} classes); anything else is refused when the
 * opcode is met, before any call could happen. The only calls ({@code REDUCE}) it performs are building an empty
 * ordered dict and recording a tensor view. {@code BUILD} is accepted on dicts and ignored (state_dict's
 * {@code _metadata}).
 *
 * <p>Deviations from the reference (Python's {@code pickle} module): no {@code find_class} import machinery, no
 * protocol-0 text opcodes, no {@code NEWOBJ}/{@code INST}/{@code OBJ}, and a {@code PERSID} only for torch's
 * storage tuple.
 */
public final class RestrictedUnpickler {
    private static final String ALLOWED = "collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch.*Storage";

    private final ByteBuffer in;
    private final List<Object> stack = new ArrayList<>();
    /** Stack heights at each open MARK. */
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private RestrictedUnpickler(byte[] pickle) {
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Unpickles {@code pickle}.
     *
     * @throws PickleException on a forbidden global, an unsupported opcode or a malformed stream
     */
    public static Object load(byte[] pickle) throws PickleException {
        try {
            return new RestrictedUnpickler(pickle).run();
        } catch (java.nio.BufferUnderflowException e) {
            throw new PickleException("pickle ends in the middle of an opcode");
        } catch (ClassCastException | java.util.NoSuchElementException e) {
            throw new PickleException("malformed pickle (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Object run() throws PickleException {
        while (in.hasRemaining()) {
            int at = in.position();
            int op = in.get() & 0xFF;
            switch (op) {
                case 0x80 -> protocol();                                   // PROTO
                case 0x95 -> skip(8);                                      // FRAME
                case '.' -> {                                              // STOP
                    return pop();
                }
                case '(' -> marks.push(stack.size());                      // MARK
                case '0' -> pop();                                         // POP
                case '1' -> popMark();                                     // POP_MARK
                case '2' -> push(peek());                                  // DUP
                case 'N' -> push(None.NONE);                               // NONE
                case 0x88 -> push(Boolean.TRUE);                           // NEWTRUE
                case 0x89 -> push(Boolean.FALSE);                          // NEWFALSE
                case 'J' -> push((long) in.getInt());                      // BININT
                case 'K' -> push((long) (in.get() & 0xFF));                // BININT1
                case 'M' -> push((long) (in.getShort() & 0xFFFF));         // BININT2
                case 0x8a -> push(longN(in.get() & 0xFF));                 // LONG1
                case 0x8b -> push(longN(length(in.getInt())));             // LONG4
                case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT, big-endian
                case 'X' -> push(utf8(length(in.getInt())));               // BINUNICODE
                case 0x8c -> push(utf8(in.get() & 0xFF));                  // SHORT_BINUNICODE
                case 0x8d -> push(utf8(length(in.getLong())));             // BINUNICODE8
                case 'B' -> push(bytes(length(in.getInt())));              // BINBYTES
                case 'C' -> push(bytes(in.get() & 0xFF));                  // SHORT_BINBYTES
                case ')' -> push(new Tuple(List.of()));                    // EMPTY_TUPLE
                case 't' -> push(new Tuple(popMark()));                    // TUPLE
                case 0x85 -> push(tuple(1));                               // TUPLE1
                case 0x86 -> push(tuple(2));                               // TUPLE2
                case 0x87 -> push(tuple(3));                               // TUPLE3
                case ']' -> push(new ArrayList<>());                       // EMPTY_LIST
                case 'l' -> push(new ArrayList<>(popMark()));              // LIST
                case 'a' -> append(pop());                                 // APPEND
                case 'e' -> appends(popMark());                            // APPENDS
                case '}' -> push(new LinkedHashMap<>());                   // EMPTY_DICT
                case 'd' -> push(dict(popMark()));                         // DICT
                case 's' -> setItem();                                     // SETITEM
                case 'u' -> setItems(popMark());                           // SETITEMS
                case 'h' -> push(get(in.get() & 0xFF));                    // BINGET
                case 'j' -> push(get(Integer.toUnsignedLong(in.getInt()))); // LONG_BINGET
                case 'q' -> memo.put((long) (in.get() & 0xFF), peek());    // BINPUT
                case 'r' -> memo.put(Integer.toUnsignedLong(in.getInt()), peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek());         // MEMOIZE
                case 'c' -> push(global(line(), line()));                  // GLOBAL
                case 0x93 -> stackGlobal();                                // STACK_GLOBAL
                case 'Q' -> push(persistentLoad(pop()));                   // BINPERSID
                case 'R' -> reduce();                                      // REDUCE
                case 'b' -> build();                                       // BUILD
                default -> throw new PickleException(String.format("unsupported pickle opcode 0x%02x at byte %d", op, at));
            }
        }
        throw new PickleException("pickle ends without STOP");
    }

    private void protocol() throws PickleException {
        int version = in.get() & 0xFF;
        if (version < 2 || version > 5) {
            throw new PickleException("pickle protocol " + version + " is not supported (2 to 5 are)");
        }
    }

    private Object global(String module, String name) throws PickleException {
        boolean allowed = (module.equals("collections") && name.equals("OrderedDict"))
                || (module.equals("torch._utils") && name.equals("_rebuild_tensor_v2"))
                || (module.equals("torch") && SourceDType.ofTorchStorage(name) != null);
        if (!allowed) {
            throw new PickleException("pickle GLOBAL '" + module + " " + name + "' is not on the allow-list ("
                    + ALLOWED + "); refusing it before anything runs");
        }
        return new Global(module, name);
    }

    private void stackGlobal() throws PickleException {
        Object name = pop();
        Object module = pop();
        if (!(module instanceof String m) || !(name instanceof String n)) {
            throw new PickleException("STACK_GLOBAL needs two strings");
        }
        push(global(m, n));
    }

    private Object persistentLoad(Object pid) throws PickleException {
        if (pid instanceof Tuple(List<Object> t) && t.size() == 5 && "storage".equals(t.get(0))
                && t.get(1) instanceof Global(String module, String cls) && module.equals("torch")
                && t.get(2) instanceof String key && t.get(4) instanceof Long numel && numel >= 0) {
            return new StorageRef(SourceDType.ofTorchStorage(cls), key, numel);
        }
        throw new PickleException("persistent id " + describe(pid) + " is not a torch storage reference");
    }

    private void reduce() throws PickleException {
        Object args = pop();
        Object callable = pop();
        if (!(callable instanceof Global g) || !(args instanceof Tuple(List<Object> a))) {
            throw new PickleException("REDUCE of " + describe(callable) + " is not allowed");
        }
        if (g.name().equals("OrderedDict") && a.isEmpty()) {
            push(new LinkedHashMap<>());
        } else if (g.name().equals("_rebuild_tensor_v2") && (a.size() == 6 || a.size() == 7)
                && a.get(0) instanceof StorageRef storage && a.get(1) instanceof Long offset
                && a.get(2) instanceof Tuple size && a.get(3) instanceof Tuple stride) {
            push(new TensorRef(storage, offset, longs(size), longs(stride)));
        } else {
            throw new PickleException("call of " + g + " with arguments " + describe(args) + " is not allowed");
        }
    }

    private void build() throws PickleException {
        pop(); // the state: state_dict's _metadata; a dict has no attributes to set
        if (!(peek() instanceof Map<?, ?>)) {
            throw new PickleException("BUILD on " + describe(peek()) + " is not allowed");
        }
    }

    private static long[] longs(Tuple t) throws PickleException {
        long[] out = new long[t.items().size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.items().get(i) instanceof Long v)) {
                throw new PickleException("tensor size/stride holds a non-integer " + describe(t.items().get(i)));
            }
            out[i] = v;
        }
        return out;
    }

    private Tuple tuple(int n) throws PickleException {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return new Tuple(List.of(items));
    }

    @SuppressWarnings("unchecked")
    private void append(Object item) throws PickleException {
        if (!(peek() instanceof List<?> list)) {
            throw new PickleException("APPEND to " + describe(peek()));
        }
        ((List<Object>) list).add(item);
    }

    private void appends(List<Object> items) throws PickleException {
        for (Object item : items) {
            append(item);
        }
    }

    private Map<Object, Object> dict(List<Object> items) throws PickleException {
        Map<Object, Object> d = new LinkedHashMap<>();
        putPairs(d, items);
        return d;
    }

    private void setItem() throws PickleException {
        Object value = pop();
        Object key = pop();
        putPairs(topDict(), List.of(key, value));
    }

    private void setItems(List<Object> items) throws PickleException {
        putPairs(topDict(), items);
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> topDict() throws PickleException {
        if (!(peek() instanceof Map<?, ?> d)) {
            throw new PickleException("SETITEM on " + describe(peek()));
        }
        return (Map<Object, Object>) d;
    }

    private static void putPairs(Map<Object, Object> d, List<Object> items) throws PickleException {
        if (items.size() % 2 != 0) {
            throw new PickleException("odd number of dict items");
        }
        for (int i = 0; i < items.size(); i += 2) {
            Object key = items.get(i);
            // Scalar keys only (state dicts use strings, optimizer state ints): no recursive hashing of odd input.
            if (!(key instanceof String || key instanceof Long || key instanceof BigInteger || key instanceof Double
                    || key instanceof Boolean || key instanceof None)) {
                throw new PickleException("dict key " + describe(key) + " is not a string or number");
            }
            d.put(items.get(i), items.get(i + 1));
        }
    }

    private Object get(long index) throws PickleException {
        Object v = memo.get(index);
        if (v == null) {
            throw new PickleException("memo index " + index + " is not set");
        }
        return v;
    }

    private List<Object> popMark() throws PickleException {
        if (marks.isEmpty()) {
            throw new PickleException("no MARK on the stack");
        }
        int mark = marks.pop();
        if (mark > stack.size()) {
            throw new PickleException("MARK lies above the stack top at byte " + (in.position() - 1));
        }
        List<Object> top = stack.subList(mark, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private void push(Object v) {
        stack.add(v);
    }

    /** Pops the top value; values below the innermost MARK are out of reach, as in Python. */
    private Object pop() throws PickleException {
        if (stack.size() <= (marks.isEmpty() ? 0 : marks.peek())) {
            throw new PickleException("pickle stack underflow at byte " + (in.position() - 1));
        }
        return stack.removeLast();
    }

    private Object peek() throws PickleException {
        if (stack.size() <= (marks.isEmpty() ? 0 : marks.peek())) {
            throw new PickleException("pickle stack is empty at byte " + (in.position() - 1));
        }
        return stack.getLast();
    }

    private int length(long n) throws PickleException {
        if (n < 0 || n > in.remaining()) {
            throw new PickleException("length " + n + " at byte " + in.position() + " runs past the end of the pickle");
        }
        return (int) n;
    }

    private Object longN(int n) throws PickleException {
        byte[] le = bytes(length(n));
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = n == 0 ? BigInteger.ZERO : new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private byte[] bytes(int n) throws PickleException {
        byte[] b = new byte[length(n)];
        in.get(b);
        return b;
    }

    private void skip(int n) throws PickleException {
        in.position(in.position() + length(n));
    }

    private String utf8(int n) throws PickleException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes(n))).toString();
        } catch (CharacterCodingException e) {
            throw new PickleException("string at byte " + in.position() + " is not valid UTF-8");
        }
    }

    /** A GLOBAL argument: bytes up to a newline, at most 256 of them. */
    private String line() throws PickleException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!in.hasRemaining() || sb.length() > 256) {
                throw new PickleException("GLOBAL name is not a short newline-terminated line");
            }
            char c = (char) (in.get() & 0xFF);
            if (c == '\n') {
                return sb.toString();
            }
            sb.append(c);
        }
    }

    /** A short description that never recurses into nested (possibly cyclic) values. */
    private static String describe(Object v) {
        return switch (v) {
            case null -> "nothing";
            case String s -> "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
            case Long l -> "int " + l;
            case Tuple t -> "a tuple of " + t.items().size();
            case List<?> l -> "a list of " + l.size();
            case Map<?, ?> m -> "a dict of " + m.size();
            case Global g -> g.toString();
            default -> v.getClass().getSimpleName();
        };
    }
}
