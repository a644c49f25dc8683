package org.tca4j.tca.eval;

/**
 * What defines a run; two runs with equal settings give byte-identical result files, and a checkpoint is only
 * resumed under the settings that wrote it.
 *
 * @param model the model's identity (file name and content hash)
 * @param dataset the dataset specification as given
 * @param shift the shift label, or {@code none}
 * @param prompts where the class names and templates come from
 * @param seed the stream order and noise seed
 * @param limit the number of images (0 = all)
 */
public record EvalSettings(String model, String dataset, String shift, String prompts, long seed, int limit) {
    /**
     * The checkpoint fingerprint of one method under these settings. The limit is left out: the stream of a larger
     * limit starts with the stream of a smaller one, so a finished {@code --limit 500} run can be extended.
     */
    String fingerprint(String method) {
        return "model=" + model + "\ndataset=" + dataset + "\nshift=" + shift + "\nprompts=" + prompts + "\nseed="
                + seed + "\nmethod=" + method;
    }
}
