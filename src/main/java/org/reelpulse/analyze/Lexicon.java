package org.reelpulse.analyze;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The VADER sentiment lexicon (word or emoticon → valence −4..+4) and the emoji descriptions
 * (emoji → words, which are then looked up in the lexicon). Data by Hutto and Gilbert, MIT licence,
 * shipped in {@code data/lexicons/vader}.
 */
final class Lexicon {

    private final Map<String, Double> valence;
    private final Map<String, String> emoji;

    Lexicon(Map<String, Double> valence, Map<String, String> emoji) {
        this.valence = valence;
        this.emoji = emoji;
    }

    /** Loads the lexicon shipped on the classpath under {@code lexicons/vader}. */
    static Lexicon load() {
        Map<String, Double> valence = new HashMap<>();
        Map<String, String> emoji = new HashMap<>();
        read("lexicons/vader/vader_lexicon.txt", parts -> valence.put(parts[0], Double.parseDouble(parts[1])));
        read("lexicons/vader/emoji_utf8_lexicon.txt", parts -> emoji.put(parts[0], parts[1]));
        return new Lexicon(valence, emoji);
    }

    private static void read(String resource, java.util.function.Consumer<String[]> line) {
        try (InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The lexicon " + resource + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String l;
            while ((l = r.readLine()) != null) {
                String[] parts = l.split("\t");
                if (parts.length >= 2) {
                    line.accept(parts);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the lexicon " + resource, e);
        }
    }

    /** The valence of a word or emoticon, 0 when unknown. */
    double valence(String token) {
        Double v = valence.get(token);
        if (v == null) {
            v = valence.get(token.toLowerCase(Locale.ROOT));
        }
        return v == null ? 0 : v;
    }

    /** The words describing an emoji, or null. */
    String describe(String emojiToken) {
        return emoji.get(emojiToken);
    }
}
