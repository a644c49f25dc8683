package org.tca4j.convert.formats;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tca4j.convert.CheckpointException;
import org.tca4j.convert.pickle.PickleValues.TensorRef;

/**
 * Finds the state dict in an unpickled checkpoint, as OpenCLIP's {@code load_state_dict} does: the top-level dict,
 * or its {@code state_dict} entry for a training checkpoint; a {@code module.} prefix (DDP) is removed.
 */
final class StateDicts {
    private StateDicts() {}

    record Found(Map<String, TensorRef> tensors, boolean training) {}

    static Found find(Path file, Object top) throws CheckpointException {
        if (!(top instanceof Map<?, ?> dict)) {
            throw new CheckpointException(file, "the pickle holds no dict (found " + kind(top) + ")");
        }
        boolean training = dict.get("state_dict") instanceof Map<?, ?>;
        Map<?, ?> stateDict = training ? (Map<?, ?>) dict.get("state_dict") : dict;
        if (stateDict.isEmpty()) {
            throw new CheckpointException(file, "the state dict is empty");
        }
        boolean prefixed = stateDict.keySet().iterator().next() instanceof String first && first.startsWith("module.");
        Map<String, TensorRef> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : stateDict.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new CheckpointException(file, "the state dict has a non-string key (" + kind(e.getKey()) + ")");
            }
            if (!(e.getValue() instanceof TensorRef tensor)) {
                throw new CheckpointException(file, "state dict entry '" + key + "' is not a tensor (" + kind(e.getValue()) + ")");
            }
            if (prefixed && !key.startsWith("module.")) {
                throw new CheckpointException(file, "state dict key '" + key + "' lacks the 'module.' prefix the others have");
            }
            out.put(prefixed ? key.substring("module.".length()) : key, tensor);
        }
        return new Found(out, training);
    }

    private static String kind(Object v) {
        return v == null ? "nothing" : v.getClass().getSimpleName();
    }
}
