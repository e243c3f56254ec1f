package org.reelpulse.analyze;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses the language of a post that arrived without one, among the languages ReelPulse analyses,
 * by counting very common function words. Good enough to route a post to the right model; returns
 * null when the evidence is too thin.
 */
final class LanguageGuesser {

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

    private static final Map<String, Set<String>> FUNCTION_WORDS = Map.of(
            "en", Set.of("the", "and", "is", "are", "of", "to", "in", "that", "this", "it", "for", "with", "was",
                    "not", "they", "be", "have", "on", "their", "what", "you", "we", "just"),
            "fr", Set.of("le", "la", "les", "et", "est", "des", "une", "un", "du", "que", "qui", "pour", "pas",
                    "dans", "sur", "nous", "avec", "ce", "sont", "au", "aux", "ne"),
            "es", Set.of("el", "los", "las", "y", "es", "una", "del", "que", "por", "para", "con", "no", "se",
                    "lo", "su", "como", "pero", "más", "al", "son"),
            "de", Set.of("der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "mit", "den", "von",
                    "sich", "auf", "für", "auch", "wir", "sind", "dem", "des"));

    private LanguageGuesser() {
    }

    static String guess(String text) {
        Map<String, Integer> hits = new java.util.HashMap<>();
        var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            FUNCTION_WORDS.forEach((lang, words) -> {
                if (words.contains(w)) {
                    hits.merge(lang, 1, Integer::sum);
                }
            });
        }
        String best = null;
        int bestCount = 0;
        int second = 0;
        for (var e : hits.entrySet()) {
            if (e.getValue() > bestCount) {
                second = bestCount;
                bestCount = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        return bestCount >= 2 && bestCount > second ? best : null;
    }
}
