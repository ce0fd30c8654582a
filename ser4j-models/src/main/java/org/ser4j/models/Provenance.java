package org.ser4j.models;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ser4j.data.Utterance;
import org.ser4j.models.classical.HyperParameters;

/**
 * Where a model came from, stored in its bundle's manifest: enough to say what it was trained on (corpora, with a
 * hash of the exact file list and their licences), how (model type, hyper-parameters, features, protocol, label
 * map, seeds), with which code (ser4j version and git commit), and how well it did.
 *
 * @param name                 model name
 * @param version              model version
 * @param created              ISO-8601 date-time of training
 * @param ser4jVersion         ser4j version that trained it
 * @param gitCommit            git commit of that ser4j build ("unknown" outside a checkout)
 * @param modelType            model family id, e.g. {@code svm-rbf}
 * @param hyperParameters      the final model's hyper-parameters
 * @param features             the feature set, e.g. {@code seed v1 @16000 Hz}
 * @param corpora              the training corpora
 * @param labelMap             the label map's name and rules
 * @param protocol             the evaluation protocol, e.g. {@code speaker 5-fold (seed 42)}
 * @param options              other training options (class weighting, per-speaker normalisation, inner folds...)
 * @param seeds                every seed used, by purpose
 * @param metrics              headline cross-validated metrics (accuracy, unweighted_accuracy, macro_f1, CIs)
 * @param calibration          temperature and expected calibration error before/after
 * @param licences             licence terms of every training corpus, joined in one line
 */
public record Provenance(String name, String version, String created, String ser4jVersion, String gitCommit,
                         String modelType, HyperParameters hyperParameters, String features,
                         List<CorpusInfo> corpora, String labelMap, String protocol, Map<String, Object> options,
                         Map<String, Long> seeds, Map<String, Object> metrics, Map<String, Double> calibration,
                         String licences) {

    /**
     * One training corpus.
     *
     * @param name          corpus id
     * @param files         utterances used
     * @param speakers      distinct speakers
     * @param fileListSha256 SHA-256 of the sorted file names, one per line (UTF-8, '\n' after each)
     * @param licence       the corpus's licence terms
     */
    public record CorpusInfo(String name, int files, int speakers, String fileListSha256, String licence) {
    }

    /** Summaries of the corpora behind {@code utterances}; {@code declaredLicences} maps user corpora to terms. */
    public static List<CorpusInfo> corpora(List<Utterance> utterances, Map<String, String> declaredLicences) {
        Map<String, List<Utterance>> byCorpus = new TreeMap<>();
        for (Utterance u : utterances) {
            byCorpus.computeIfAbsent(u.corpus(), c -> new ArrayList<>()).add(u);
        }
        List<CorpusInfo> out = new ArrayList<>();
        byCorpus.forEach((corpus, list) -> out.add(new CorpusInfo(corpus, list.size(),
                (int) list.stream().map(Utterance::speaker).distinct().count(),
                fileListSha256(list.stream().map(Utterance::fileName).toList()),
                CorpusLicences.of(corpus, declaredLicences == null ? null : declaredLicences.get(corpus)))));
        return out;
    }

    /** The licences of the given corpora as one line, e.g. {@code ravdess: CC BY-NC-SA 4.0; tess: ...}. */
    public static String licenceLine(List<CorpusInfo> corpora) {
        return String.join("; ", corpora.stream().map(c -> c.name() + ": " + c.licence()).toList());
    }

    /** SHA-256 (hex) of the names sorted and joined with '\n' (one after each name). */
    public static String fileListSha256(List<String> fileNames) {
        List<String> sorted = new ArrayList<>(fileNames);
        sorted.sort(null);
        StringBuilder text = new StringBuilder();
        sorted.forEach(n -> text.append(n).append('\n'));
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** This provenance under another name and version, with one more option (e.g. how a bundle was adapted). */
    public Provenance derived(String newName, String newVersion, String option, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(options == null ? Map.of() : options);
        more.put(option, value);
        return new Provenance(newName, newVersion, created, ser4jVersion, gitCommit, modelType, hyperParameters,
                features, corpora, labelMap, protocol, more, seeds, metrics, calibration, licences);
    }
}
