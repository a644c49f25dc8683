/** CLIP's text input: the byte-level BPE tokenizer with open_clip's cleaning, and zero-shot prompt templates. */
package org.tca4j.vit.text;
