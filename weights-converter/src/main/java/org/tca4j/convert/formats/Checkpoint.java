package org.tca4j.convert.formats;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The tensors of one checkpoint file, in the file's order, readable one at a time until {@link #close}.
 *
 * @param file the checkpoint
 * @param format how it was stored: {@code pytorch-zip}, {@code pytorch-zip-training}, {@code safetensors}
 * @param tensors the tensors with their keys as stored (a {@code module.} prefix already removed)
 * @param resource what to close when done (the open zip or channel)
 */
public record Checkpoint(Path file, String format, List<SourceTensor> tensors, Closeable resource) implements Closeable {
    public Checkpoint {
        tensors = List.copyOf(tensors);
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }
}
