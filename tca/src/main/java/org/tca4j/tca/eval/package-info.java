/**
 * The evaluation runner: every method over one seeded image stream, one image at a time, with checkpoints,
 * a progress bar and Markdown / CSV / JSON / PNG reports.
 */
package org.tca4j.tca.eval;
