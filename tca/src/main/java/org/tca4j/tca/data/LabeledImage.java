package org.tca4j.tca.data;

/** One dataset item: the stored image and its class id (0-based, an index into the dataset's class names). */
public record LabeledImage(ByteImage image, int label) {}
