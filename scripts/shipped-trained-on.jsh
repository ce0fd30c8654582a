// Writes what trained each shipped model (its speakers and recordings' content hashes) beside the shipped bundle,
// for bundles made before `train` recorded it: `evaluate` then warns precisely when it is shown clips or speakers a
// shipped model was trained on. The training data is rebuilt from the corpora the bundle's provenance names and is
// checked against the provenance (files and the SHA-256 of the file list per corpus) before anything is written.
// Training left out the clips whose features could not be computed or that hold no speech; they are found the same
// way, by building the bundle's feature table (FeatureTableBuilder, as train does) of a corpus whose count differs.
// Run from the repository root after a build (bin/ser4j builds), with ../shared beside it:
//   jshell --class-path "ser4j-cli/target/ser4j-cli.jar:$(ls ser4j-cli/target/lib/*.jar | tr '\n' ':')" \
//          scripts/shipped-trained-on.jsh
import java.nio.file.*;
import java.util.*;
import org.ser4j.data.*;
import org.ser4j.data.corpus.*;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.*;

Path out = Path.of("ser4j-models/src/main/resources/org/ser4j/models/shipped");
LoadResult pool = Corpora.load(SharedPaths.datasets());
for (String name : ShippedModels.names()) {
    ModelBundle bundle = ShippedModels.load(name);
    List<Provenance.CorpusInfo> corpora = bundle.provenance().corpora();
    Set<String> names = new HashSet<>();
    corpora.forEach(c -> names.add(c.name()));
    List<Utterance> used = bundle.labelMap().select(pool.utterances()).utterances().stream()
            .filter(u -> names.contains(u.corpus())).toList();
    Map<String, Integer> expected = new HashMap<>();
    corpora.forEach(c -> expected.put(c.name(), c.files()));
    Map<String, Long> found = new HashMap<>();
    used.forEach(u -> found.merge(u.corpus(), 1L, Long::sum));
    List<Utterance> same = used.stream().filter(u -> found.get(u.corpus()) == (long) expected.get(u.corpus())).toList();
    List<Utterance> differing = used.stream().filter(u -> !same.contains(u)).toList();
    List<Utterance> kept = new ArrayList<>(same);
    if (!differing.isEmpty()) {
        kept.addAll(new org.ser4j.data.table.FeatureTableBuilder(bundle.featureExtractor())
                .cache(org.ser4j.data.table.FeatureCache.atDefaultLocation()).quiet(true).build(differing).utterances());
    }
    used = kept;
    List<Provenance.CorpusInfo> rebuilt = Provenance.corpora(used, null);
    for (int i = 0; i < corpora.size(); i++) {
        Provenance.CorpusInfo want = corpora.get(i);
        Provenance.CorpusInfo got = rebuilt.get(i);
        if (!want.name().equals(got.name()) || want.files() != got.files()
                || !want.fileListSha256().equals(got.fileListSha256())) {
            throw new IllegalStateException(name + ": " + got + " does not match the provenance's " + want);
        }
    }
    TrainedOn trainedOn = TrainedOn.of(used, ContentHashes::sha256);
    Files.writeString(out.resolve(name + ".trained_on.json"), Json.write(trainedOn));
    System.out.println(name + ": " + trainedOn.clipSha256().size() + " recordings, " + trainedOn.speakers().size()
            + " speakers");
}
/exit
