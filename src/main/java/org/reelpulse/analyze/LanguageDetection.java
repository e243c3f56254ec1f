package org.reelpulse.analyze;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.reelpulse.post.Post;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * Finds the language of a post from its text with Lingua, which is built for short texts. The
 * post's own language tag is a hint: it decides when the text is too short or too ambiguous to
 * tell, and is overruled when the text clearly says otherwise. Languages close to the scored ones
 * are detected too, so an Italian post is called Italian rather than forced into Spanish.
 */
final class LanguageDetection {

    private static final Map<Language, String> CODES = Map.of(
            Language.ENGLISH, "en", Language.FRENCH, "fr", Language.GERMAN, "de", Language.SPANISH, "es",
            Language.ITALIAN, "it", Language.PORTUGUESE, "pt", Language.DUTCH, "nl", Language.CATALAN, "ca");
    private static final Pattern NOISE = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+|@[\\w.]+|#");
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    /** Fewer words than this and the tag, when there is one, is trusted over the detector. */
    private static final int WORDS_TO_OVERRULE = 4;

    private volatile LanguageDetector detector;

    /** The language and how it was decided. */
    record Detected(String lang, String how) {
    }

    Detected detect(String text, String tag) {
        String hint = Post.primaryLanguage(tag);
        String clean = NOISE.matcher(text).replaceAll(" ");
        long words = WORD.matcher(clean).results().count();
        if (words == 0) {
            return new Detected(hint, hint == null ? "none" : "tag");
        }
        Language found = detector().detectLanguageOf(clean);
        String detected = CODES.get(found);
        if (detected == null) {
            return new Detected(hint, hint == null ? "none" : "tag");
        }
        if (hint == null || hint.equals(detected)) {
            return new Detected(detected, hint == null ? "detected" : "tag confirmed");
        }
        return words >= WORDS_TO_OVERRULE ? new Detected(detected, "detected, tag '" + hint + "' overruled")
                : new Detected(hint, "tag");
    }

    private LanguageDetector detector() {
        LanguageDetector d = detector;
        if (d == null) {
            synchronized (this) {
                d = detector;
                if (d == null) {
                    d = LanguageDetectorBuilder.fromLanguages(CODES.keySet().toArray(Language[]::new))
                            .withMinimumRelativeDistance(0.1)
                            .build();
                    detector = d;
                }
            }
        }
        return d;
    }

    static String code(Language language) {
        return CODES.getOrDefault(language, language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT));
    }
}
