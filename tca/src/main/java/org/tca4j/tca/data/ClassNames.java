package org.tca4j.tca.data;

import java.util.List;

/** Built-in class-name lists for datasets whose files carry no names. */
public final class ClassNames {
    private ClassNames() {}

    /** Fashion-MNIST, as the demo model was trained (label order of the IDX files). */
    public static final List<String> FASHION_MNIST = PromptPresets.load("fashion-mnist").classNames();

    /** MNIST digits {@code 0}..{@code 9}. */
    public static final List<String> MNIST = PromptPresets.load("mnist").classNames();

    /** CIFAR-10, label order of the binary batches. */
    public static final List<String> CIFAR10 = PromptPresets.load("cifar10").classNames();

    /** CIFAR-100 fine labels, label order of the binary files. */
    public static final List<String> CIFAR100 = PromptPresets.load("cifar100").classNames();

    /** {@code 0}, {@code 1}, ... {@code n-1}, for data that comes without names. */
    public static List<String> numbered(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }
}
