package org.ser4j.features.wavelet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaveletTest {

    @Test
    void filtersAreExactlyPyWaveletsOwn() {
        JsonNode filters = DwtReference.JSON.get("filters");
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = filters.fields(); it.hasNext(); checked++) {
            Map.Entry<String, JsonNode> e = it.next();
            Wavelet w = Wavelet.of(e.getKey());
            // exact: dec_lo is PyWavelets' doubles read back, dec_hi only flips signs of them
            assertArrayEquals(DwtReference.doubles(e.getValue().get("dec_lo")), w.decLo(), 0.0, e.getKey());
            assertArrayEquals(DwtReference.doubles(e.getValue().get("dec_hi")), w.decHi(), 0.0, e.getKey());
        }
        assertEquals(4, checked);
    }

    @Test
    void allTwentyDaubechiesAreOffered() {
        assertEquals(20, Wavelet.names().size());
        for (int n = 1; n <= 20; n++) {
            Wavelet w = Wavelet.of("db" + n);
            assertEquals(2 * n, w.length(), w.name());
            // orthonormal low-pass: coefficients sum to sqrt(2) and have unit energy (to double rounding)
            double sum = 0;
            double energy = 0;
            for (double c : w.decLo()) {
                sum += c;
                energy += c * c;
            }
            assertEquals(Math.sqrt(2), sum, 1e-12, w.name());
            assertEquals(1.0, energy, 1e-12, w.name());
        }
        assertArrayEquals(Wavelet.of("db1").decLo(), Wavelet.of("haar").decLo(), 0.0);
        assertEquals("db4", Wavelet.of(" DB4 ").name());
    }

    @Test
    void unknownNamesAreRefusedListingTheAllowedOnes() {
        for (String bad : new String[] {"db0", "db21", "sym4", "coif1", "", "db"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wavelet.of(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("db1")
                    && e.getMessage().contains("db20"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Wavelet.of(null));
    }
}
