package org.tca4j.convert.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.tca4j.convert.CheckpointException;
import org.tca4j.convert.pickle.PickleException;
import org.tca4j.convert.pickle.PickleValues.TensorRef;
import org.tca4j.convert.pickle.RestrictedUnpickler;

/**
 * Reads a {@code torch.save} zip checkpoint: {@code <prefix>/data.pkl} (a state dict, or a training checkpoint
 * whose {@code state_dict} it is) and the raw storages {@code <prefix>/data/<key>}.
 *
 * <p>{@link ZipFile} is used because torch writes STORED entries with data descriptors, which
 * {@code ZipInputStream} refuses. Storages must be STORED (torch never compresses them), so a tensor never holds
 * more bytes than the file has.
 */
public final class TorchZipReader {
    /** data.pkl of a ViT-B/16 state dict is ~53 KB; training checkpoints add optimizer state. */
    private static final long MAX_PICKLE_BYTES = 256L << 20;

    private TorchZipReader() {}

    /** Opens {@code file} and reads its pickle; tensor bytes are read later, on demand. */
    public static Checkpoint read(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file, "not a readable zip (end-of-central-directory record missing, or the file"
                    + " is truncated or corrupt): " + e.getMessage());
        }
        try {
            ZipEntry pkl = findPickle(file, zip);
            String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            Object top = RestrictedUnpickler.load(readEntry(file, zip, pkl, MAX_PICKLE_BYTES));
            StateDicts.Found found = StateDicts.find(file, top);
            List<SourceTensor> tensors = new ArrayList<>();
            for (Map.Entry<String, TensorRef> e : found.tensors().entrySet()) {
                tensors.add(tensor(file, zip, prefix, e.getKey(), e.getValue()));
            }
            return new Checkpoint(file, found.training() ? "pytorch-zip-training" : "pytorch-zip", tensors, zip);
        } catch (PickleException e) {
            zip.close();
            throw new CheckpointException(file, e.getMessage());
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e instanceof CheckpointException ce ? ce : new CheckpointException(file, "cannot read the zip: " + e, e);
        }
    }

    private static ZipEntry findPickle(Path file, ZipFile zip) throws CheckpointException {
        ZipEntry found = null;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            ZipEntry e = en.nextElement();
            String name = e.getName();
            if (name.equals("data.pkl") || (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - 9)) {
                if (found != null) {
                    throw new CheckpointException(file, "the zip holds two pickles, " + found.getName() + " and " + name);
                }
                found = e;
            }
            if (name.endsWith("/constants.pkl")) {
                throw new CheckpointException(file, "a TorchScript archive is not supported; use the OpenCLIP-format"
                        + " checkpoint of the same weights");
            }
        }
        if (found == null) {
            throw new CheckpointException(file, "a zip without <prefix>/data.pkl is not a PyTorch checkpoint");
        }
        return found;
    }

    private static SourceTensor tensor(Path file, ZipFile zip, String prefix, String name, TensorRef ref)
            throws CheckpointException {
        if (ref.storage().dtype() == null) {
            throw new CheckpointException(file, "tensor '" + name + "' has an unknown storage type");
        }
        ZipEntry entry = zip.getEntry(prefix + "data/" + ref.storage().key());
        if (entry == null) {
            throw new CheckpointException(file, "tensor '" + name + "' refers to a missing record data/" + ref.storage().key());
        }
        if (entry.getMethod() != ZipEntry.STORED) {
            throw new CheckpointException(file, "record " + entry.getName() + " is compressed; torch stores tensors uncompressed");
        }
        long elementSize = ref.storage().dtype().byteSize();
        long numel = ref.storage().numel();
        if (numel > entry.getSize() / elementSize) {
            throw new CheckpointException(file, "tensor '" + name + "': storage of " + numel + " elements does not fit its "
                    + entry.getSize() + "-byte record");
        }
        Strided view = Strided.of(file, name, ref.shape(), ref.stride(), ref.offset(), numel);
        return new SourceTensor(name, ref.storage().dtype(), ref.shape(), () -> {
            byte[] storage = readEntry(file, zip, entry, numel * elementSize);
            return view.gather(storage, (int) elementSize);
        });
    }

    /** Reads a whole entry of at most {@code limit} bytes (a record may be longer than its storage; the rest is unused). */
    static byte[] readEntry(Path file, ZipFile zip, ZipEntry entry, long limit) throws CheckpointException {
        long size = entry.getSize();
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
            throw new CheckpointException(file, "record " + entry.getName() + " has an unusable size " + size);
        }
        int n = (int) Math.min(size, limit);
        if (size > limit && entry.getName().endsWith("data.pkl")) {
            throw new CheckpointException(file, "pickle of " + size + " bytes is larger than any checkpoint's");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
                throw new CheckpointException(file, "record " + entry.getName() + " ends after " + b.length + " of " + n + " bytes");
            }
            return b;
        } catch (ZipException e) {
            throw new CheckpointException(file, "record " + entry.getName() + " is corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read record " + entry.getName() + ": " + e, e);
        }
    }
}
