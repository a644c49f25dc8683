/**
 * Distribution shifts generated in Java: the corruptions of Hendrycks &amp; Dietterich (ICLR 2019), severities 1-5,
 * seeded, applied to the image as stored (before preprocessing).
 */
package org.tca4j.tca.shift;
