package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ser4j.data.ContentHashes;
import org.ser4j.data.Utterance;
import org.ser4j.data.corpus.Corpora;
import org.ser4j.io.SharedPaths;

class ShippedModelsTest {
    /**
     * The shipped default model knows what trained it: EMO-DB's 350 clips of the six emotions its label map keeps
     * (its provenance says 350 files) and all 8 speakers; the 58 boredom clips never trained it. CREMA-D-only
     * commercial has never heard an EMO-DB clip or speaker.
     */
    @Test
    void shippedModelsRecordWhatTrainedThem() {
        List<Utterance> emodb = Corpora.load(SharedPaths.datasets().resolve("emodb")).utterances();
        assertEquals(408, emodb.size());
        ContentHashes hashes = new ContentHashes();
        TrainedOn.Overlap seen = ShippedModels.load("default").trainedOn().orElseThrow().overlap(emodb, hashes::of);
        assertEquals(350, seen.clips());
        assertEquals(8, seen.speakers().size());
        TrainedOn.Overlap commercial = ShippedModels.load("commercial").trainedOn().orElseThrow()
                .overlap(emodb, hashes::of);
        assertEquals(new TrainedOn.Overlap(0, 408, List.of(), 8), commercial);
        assertEquals(25, ShippedModels.load("commercial-adaptive").trainedOn().orElseThrow().speakers().size());
    }
}
