package org.tca4j.convert.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tca4j.convert.CheckpointException;

/** Opens a checkpoint, telling its format from its first bytes, never from its name. */
public final class Checkpoints {
    /** Pickle PROTO 2, LONG1 of 10 bytes: torch's legacy magic number 0x1950a86a20f9469cfc6c. */
    private static final byte[] LEGACY_MAGIC = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46,
        (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    private Checkpoints() {}

    /** Reads a PyTorch zip checkpoint or a safetensors file. */
    public static Checkpoint read(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e, e);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return TorchZipReader.read(file);
        }
        if (startsWith(head, LEGACY_MAGIC)) {
            throw new CheckpointException(file, "legacy torch format not supported (saved with"
                    + " _use_new_zipfile_serialization=False); re-save it with torch.save's default zip format");
        }
        if (head.length >= 9 && head[8] == '{'
                && ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() >= 2) {
            return SafetensorsReader.read(file);
        }
        throw new CheckpointException(file, "not a checkpoint this converter reads (neither a PyTorch zip checkpoint nor"
                + " a safetensors file)");
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
