/** JMH benchmarks of tca4j: kernel ladders against OpenBLAS, encoders, condensed passes. */
package org.tca4j.bench;
