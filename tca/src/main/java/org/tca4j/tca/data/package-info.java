/**
 * Labelled image datasets as people have them on disk (a folder per class, CIFAR binary batches, CIFAR-C arrays,
 * MNIST / Fashion-MNIST IDX files), and the class names and prompt templates per dataset.
 */
package org.tca4j.tca.data;
