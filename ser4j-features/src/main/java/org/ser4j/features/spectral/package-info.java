/**
 * librosa-compatible spectral features: one {@link org.ser4j.features.spectral.Spectrogram} per signal feeds mel
 * spectrograms and MFCCs ({@link org.ser4j.features.spectral.Mel}, {@link org.ser4j.features.spectral.Mfcc},
 * {@link org.ser4j.features.spectral.Delta}), chroma with tuning estimation and tonnetz
 * ({@link org.ser4j.features.spectral.Chroma}, {@link org.ser4j.features.spectral.Tuning},
 * {@link org.ser4j.features.spectral.Tonnetz}), spectral contrast and shape descriptors, and the zero-crossing
 * rate. Functions are pure and thread-safe; arrays are (features x frames) as librosa returns them; parameter
 * records ({@link org.ser4j.features.spectral.MelParams}, {@link org.ser4j.features.spectral.MfccParams},
 * {@link org.ser4j.features.spectral.ChromaParams}, {@link org.ser4j.features.spectral.ContrastParams}) carry
 * librosa's names and defaults. Parity with librosa 0.11 is tested on every clip of {@code shared/reference}.
 */
package org.ser4j.features.spectral;
