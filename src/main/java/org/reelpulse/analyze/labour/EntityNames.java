package org.reelpulse.analyze.labour;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.reelpulse.analyze.EntityMention;

/**
 * The organisations and people of {@code entities.yml}: finds their aliases in any text, and maps
 * the names CoreNLP's recogniser finds to one canonical name (Lions Gate, @Lionsgate → Lionsgate).
 */
public final class EntityNames {

    /** Longest alias, in words, looked for in a text. */
    private static final int MAX_WORDS = 5;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern WORD = Pattern.compile("[@#]?[\\p{L}\\p{N}][\\p{L}\\p{N}._'’-]*");

    /** A known entity: canonical name, type ({@code organisation} or {@code person}), aliases. */
    public record Entity(String name, String type, List<String> aliases, List<String> exact) {
    }

    /** An entity found in a text, the words that named it, and how it was found. */
    public record Found(String name, String type, String words, String rule) {
    }

    private final List<Entity> entities;
    private final Map<String, Entity> byKey = new HashMap<>();
    private final Map<String, Entity> byExact = new HashMap<>();

    private final java.util.Set<String> ignored = new java.util.HashSet<>();

    EntityNames(List<Entity> entities, List<String> ignore) {
        this.entities = List.copyOf(entities);
        ignore.forEach(i -> ignored.add(key(i)));
        for (Entity e : entities) {
            if (!e.exact().contains(e.name())) {
                byKey.putIfAbsent(key(e.name()), e);
            }
            e.aliases().forEach(a -> byKey.putIfAbsent(key(a), e));
            e.exact().forEach(a -> byExact.putIfAbsent(a, e));
        }
    }

    public List<Entity> all() {
        return entities;
    }

    /** The names the recogniser finds that are not kept as entities, compared as aliases are. */
    public java.util.Set<String> ignored() {
        return java.util.Collections.unmodifiableSet(ignored);
    }

    /**
     * The entities of a text: the aliases found in it (any language), then the names CoreNLP found
     * (English), each mapped to its canonical name when it is a known alias. One entry per name.
     */
    public List<Found> find(String text, List<EntityMention> recognised) {
        Map<String, Found> found = new LinkedHashMap<>();
        List<int[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            int end = m.end();
            while (end > m.start() + 1 && ".'’-".indexOf(text.charAt(end - 1)) >= 0) {
                end--; // a full stop or apostrophe ending the word belongs to the sentence
            }
            words.add(new int[] {m.start(), end});
        }
        for (int i = 0; i < words.size(); i++) {
            for (int n = Math.min(MAX_WORDS, words.size() - i); n >= 1; n--) {
                String span = text.substring(words.get(i)[0], words.get(i + n - 1)[1]);
                Entity e = byExact.get(bare(span));
                if (e == null) {
                    e = byKey.get(key(span));
                }
                if (e != null) {
                    found.putIfAbsent(e.name(), new Found(e.name(), e.type(), span, "entities.yml"));
                    i += n - 1;
                    break;
                }
            }
        }
        for (EntityMention mention : recognised) {
            Entity e = byKey.get(key(mention.text()));
            if (e == null) {
                e = byExact.get(bare(mention.text()));
            }
            if (e != null) {
                found.putIfAbsent(e.name(), new Found(e.name(), e.type(), mention.text(), "corenlp-ner + entities.yml"));
            } else if (useful(mention.text()) && !ignored.contains(key(mention.text()))) {
                String name = mention.text().strip();
                found.putIfAbsent(name, new Found(name, mention.type(), mention.text(), "corenlp-ner"));
            }
        }
        return List.copyOf(found.values());
    }

    /** The canonical name of a name, or the name itself when it is not known. */
    public String canonical(String name) {
        Entity e = byKey.get(key(name));
        return e == null ? name : e.name();
    }

    private static boolean useful(String mention) {
        String s = mention.strip();
        return s.length() >= 2 && s.length() <= 100 && s.codePoints().anyMatch(Character::isLetter);
    }

    /** A span without a leading @ or # and without a possessive ending. */
    private static String bare(String s) {
        String b = stripMarks(s.strip());
        return b.endsWith("'s") || b.endsWith("’s") ? b.substring(0, b.length() - 2) : b;
    }

    private static String stripMarks(String s) {
        return s.startsWith("@") || s.startsWith("#") ? s.substring(1) : s;
    }

    /** How aliases are compared: without case, accents, spaces, punctuation or a leading @ or #. */
    static String key(String s) {
        String folded = MARKS.matcher(Normalizer.normalize(stripMarks(s.strip()), Normalizer.Form.NFD))
                .replaceAll("").toLowerCase(Locale.ROOT);
        if (folded.endsWith("'s") || folded.endsWith("’s")) {
            folded = folded.substring(0, folded.length() - 2);
        }
        return NOT_ALPHANUMERIC.matcher(folded).replaceAll("");
    }
}
