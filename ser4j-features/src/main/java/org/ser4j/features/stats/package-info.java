/** Utterance-level statistics of frame-level feature rows ({@link org.ser4j.features.stats.Functionals}). */
package org.ser4j.features.stats;
