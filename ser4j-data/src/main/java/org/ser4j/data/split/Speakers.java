package org.ser4j.data.split;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

/**
 * The utterances grouped by speaker, which is the unit every speaker-independent protocol moves around, and the
 * seeded, gender-balanced choice of some of them.
 */
final class Speakers {
    /** One speaker's utterances (indices into the protocol's list), gender and emotion counts. */
    record Group(String speaker, Gender gender, List<Integer> indices, Map<Emotion, Integer> emotions) {
        int size() {
            return indices.size();
        }
    }

    private Speakers() {
    }

    /** The speakers among {@code indices} of {@code utterances}, sorted by speaker id. */
    static List<Group> group(List<Utterance> utterances, Collection<Integer> indices) {
        Map<String, List<Integer>> bySpeaker = new TreeMap<>();
        for (int i : indices) {
            bySpeaker.computeIfAbsent(utterances.get(i).speaker(), s -> new ArrayList<>()).add(i);
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : bySpeaker.entrySet()) {
            Map<Emotion, Integer> emotions = new EnumMap<>(Emotion.class);
            for (int i : e.getValue()) {
                emotions.merge(utterances.get(i).emotion(), 1, Integer::sum);
            }
            Gender gender = utterances.get(e.getValue().get(0)).gender();
            groups.add(new Group(e.getKey(), gender, List.copyOf(e.getValue()), emotions));
        }
        return groups;
    }

    /** All speakers of {@code utterances}, sorted by id. */
    static List<Group> group(List<Utterance> utterances) {
        List<Integer> all = new ArrayList<>(utterances.size());
        for (int i = 0; i < utterances.size(); i++) {
            all.add(i);
        }
        return group(utterances, all);
    }

    /**
     * Picks {@code round(fraction * n)} speakers (at least 1, at most n - 1), sharing them out over the genders in
     * proportion to how many speakers each gender has (largest remainder first), each gender's speakers in seeded
     * random order. Deterministic for a given seed and speaker set.
     */
    static List<Group> pick(List<Group> groups, double fraction, long seed) {
        int n = groups.size();
        int wanted = Math.max(1, Math.min(n - 1, (int) Math.round(fraction * n)));
        Map<Gender, List<Group>> byGender = new EnumMap<>(Gender.class);
        for (Group g : groups) {
            byGender.computeIfAbsent(g.gender(), x -> new ArrayList<>()).add(g);
        }
        Random random = new Random(seed);
        Map<Gender, Integer> quota = new LinkedHashMap<>();
        int given = 0;
        for (Map.Entry<Gender, List<Group>> e : byGender.entrySet()) {
            Collections.shuffle(e.getValue(), random);
            int share = (int) Math.floor((double) wanted * e.getValue().size() / n);
            quota.put(e.getKey(), share);
            given += share;
        }
        // Hand out what flooring left over to the genders with the largest remainders (ties: vocabulary order).
        List<Gender> byRemainder = new ArrayList<>(byGender.keySet());
        byRemainder.sort((a, b) -> Double.compare(remainder(wanted, byGender.get(b).size(), n),
                remainder(wanted, byGender.get(a).size(), n)));
        for (int i = 0; given < wanted; i = (i + 1) % byRemainder.size()) {
            Gender g = byRemainder.get(i);
            if (quota.get(g) < byGender.get(g).size()) {
                quota.merge(g, 1, Integer::sum);
                given++;
            }
        }
        List<Group> picked = new ArrayList<>();
        quota.forEach((gender, count) -> picked.addAll(byGender.get(gender).subList(0, count)));
        return picked;
    }

    private static double remainder(int wanted, int genderSize, int n) {
        double exact = (double) wanted * genderSize / n;
        return exact - Math.floor(exact);
    }
}
