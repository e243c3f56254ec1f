package org.reelpulse.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a social post into the features of the sentiment model. Normalises what social text does
 * differently from edited prose: URLs and @mentions become placeholders, hashtags are split into
 * words, elongations ("sooooo") are shortened and counted, emoji and emoticons carry their
 * valence, ALL-CAPS and exclamation marks are counted, words after a negation are marked as
 * negated, and after a contrast ("but") the words weigh more than before it.
 */
final class TweetFeatures {

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w])@[\\w.]+");
    private static final Pattern HASHTAG = Pattern.compile("#([\\p{L}\\p{N}_]+)");
    private static final Pattern CAMEL = Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})|_");
    private static final Pattern TOKEN = Pattern.compile(
            "[\\p{L}\\p{M}\\p{N}]+(?:['’][\\p{L}]+)*|[\\p{So}\\p{Sk}]|[:;=8xX][-o^']?[()\\[\\]dDpP/\\\\|*$@3]+|<3|[!?]+|\\S");
    private static final Pattern ELONGATED = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern LAUGH = Pattern.compile("^(?:[jh][aeiou]){2,}[jh]?$");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static final Map<String, Set<String>> NEGATORS = Map.of(
            "en", Set.of("not", "no", "never", "n't", "nothing", "nobody", "none", "nor", "cannot", "cant", "dont",
                    "doesnt", "didnt", "isnt", "wasnt", "wont", "aint", "without"),
            "fr", Set.of("ne", "n", "pas", "jamais", "rien", "aucun", "aucune", "non", "sans", "personne"),
            "es", Set.of("no", "nunca", "nada", "ni", "sin", "tampoco", "jamás", "nadie", "ningún", "ninguna"),
            "de", Set.of("nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "nichts", "ohne", "weder"));
    private static final Map<String, Set<String>> CONTRASTS = Map.of(
            "en", Set.of("but", "however", "yet"),
            "fr", Set.of("mais", "pourtant", "cependant"),
            "es", Set.of("pero", "sino", "aunque"),
            "de", Set.of("aber", "sondern", "doch", "jedoch"));
    private static final int NEGATION_SCOPE = 3;

    private final Lexicon lexicon;

    TweetFeatures(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The features of a text in one of en, fr, de, es, with their values. */
    Map<String, Double> extract(String text, String lang) {
        Map<String, Double> f = new LinkedHashMap<>();
        String t = text == null ? "" : text;
        if (URL.matcher(t).find()) {
            f.put("has_url", 1.0);
        }
        t = URL.matcher(t).replaceAll(" ");
        if (MENTION.matcher(t).find()) {
            f.put("has_mention", 1.0);
        }
        t = MENTION.matcher(t).replaceAll(" ");
        Matcher h = HASHTAG.matcher(t);
        StringBuilder split = new StringBuilder();
        while (h.find()) {
            h.appendReplacement(split, Matcher.quoteReplacement(" " + CAMEL.matcher(h.group(1)).replaceAll(" ") + " "));
        }
        h.appendTail(split);
        t = split.toString();

        Set<String> negators = NEGATORS.getOrDefault(lang, NEGATORS.get("en"));
        Set<String> contrasts = CONTRASTS.getOrDefault(lang, CONTRASTS.get("en"));
        boolean english = "en".equals(lang);
        List<String> words = new ArrayList<>();
        double pos = 0;
        double neg = 0;
        int negatedLeft = 0;
        double weight = 1;
        Matcher m = TOKEN.matcher(t);
        while (m.find()) {
            String raw = m.group();
            if (raw.codePointCount(0, raw.length()) == 1 && Character.getType(raw.codePointAt(0)) == Character.OTHER_SYMBOL) {
                add(f, "e=" + raw, 1);
                String description = lexicon.describe(raw);
                if (description != null) {
                    for (String w : description.split(" ")) {
                        double v = lexicon.valence(w);
                        pos += Math.max(0, v);
                        neg += Math.max(0, -v);
                    }
                }
                continue;
            }
            if (raw.startsWith("!")) {
                add(f, "excl", raw.length());
                negatedLeft = 0;
                continue;
            }
            if (raw.startsWith("?")) {
                add(f, "quest", raw.length());
                negatedLeft = 0;
                continue;
            }
            double emoticon = lexicon.valence(raw);
            if (!Character.isLetterOrDigit(raw.codePointAt(0))) {
                if (emoticon != 0) {
                    add(f, "emoticon_" + (emoticon > 0 ? "pos" : "neg"), 1);
                    pos += Math.max(0, emoticon);
                    neg += Math.max(0, -emoticon);
                }
                if (".,;:".contains(raw)) {
                    negatedLeft = 0;
                }
                continue;
            }
            boolean caps = raw.length() >= 3 && raw.equals(raw.toUpperCase(Locale.ROOT))
                    && !raw.equals(raw.toLowerCase(Locale.ROOT));
            if (caps) {
                add(f, "caps_words", 1);
            }
            String word = raw.toLowerCase(Locale.ROOT).replace('’', '\'');
            if (LAUGH.matcher(word).matches()) {
                add(f, "laugh", 1);
                word = "haha";
            }
            if (ELONGATED.matcher(word).find()) {
                add(f, "elongated", 1);
                word = ELONGATED.matcher(word).replaceAll("$1$1");
            }
            if (contrasts.contains(word)) {
                add(f, "contrast", 1);
                // what comes after "but" carries the opinion
                pos *= 0.5;
                neg *= 0.5;
                weight = 1.5;
                negatedLeft = 0;
            }
            if (negators.contains(word) || (english && word.endsWith("n't"))) {
                add(f, "negation", 1);
                negatedLeft = NEGATION_SCOPE;
                words.add(word);
                continue;
            }
            String feature = negatedLeft > 0 ? "NOT_" + word : word;
            words.add(feature);
            if (english) {
                double v = lexicon.valence(word);
                if (v == 0 && !word.equals(ELONGATED.matcher(word).replaceAll("$1"))) {
                    v = lexicon.valence(ELONGATED.matcher(word).replaceAll("$1"));
                }
                if (v != 0) {
                    v *= weight * (caps ? 1.3 : 1) * (negatedLeft > 0 ? -0.74 : 1);
                    pos += Math.max(0, v);
                    neg += Math.max(0, -v);
                }
            }
            if (negatedLeft > 0) {
                negatedLeft--;
            }
        }
        for (int i = 0; i < words.size(); i++) {
            add(f, "w=" + words.get(i), 1);
            charGrams(f, words.get(i));
            if (i + 1 < words.size()) {
                add(f, "b=" + words.get(i) + "_" + words.get(i + 1), 1);
            }
        }
        if (pos > 0) {
            f.put("lex_pos", Math.log1p(pos));
        }
        if (neg > 0) {
            f.put("lex_neg", Math.log1p(neg));
        }
        if (pos + neg > 0) {
            f.put("lex_balance", (pos - neg) / (pos + neg));
        }
        f.put("bias", 1.0);
        return f;
    }

    /**
     * Character 3- and 4-grams of a word without accents: they carry the stems and misspellings
     * that a few thousand training tweets never show as whole words.
     */
    private static void charGrams(Map<String, Double> f, String word) {
        boolean negated = word.startsWith("NOT_");
        String w = "<" + MARKS.matcher(java.text.Normalizer.normalize(negated ? word.substring(4) : word,
                java.text.Normalizer.Form.NFD)).replaceAll("") + ">";
        String prefix = negated ? "c=NOT_" : "c=";
        for (int n = 3; n <= 4; n++) {
            for (int i = 0; i + n <= w.length(); i++) {
                add(f, prefix + w.substring(i, i + n), 0.25);
            }
        }
    }

    private static void add(Map<String, Double> f, String key, double v) {
        f.merge(key, v, Double::sum);
    }

    /** A readable name for a feature, for explanations ("negated 'great'", "😡"). */
    static String describe(String feature) {
        if (feature.startsWith("w=NOT_")) {
            return "negated '" + feature.substring(6) + "'";
        }
        if (feature.startsWith("w=")) {
            return "'" + feature.substring(2) + "'";
        }
        if (feature.startsWith("b=")) {
            return "'" + feature.substring(2).replace("NOT_", "not ").replace('_', ' ') + "'";
        }
        if (feature.startsWith("c=")) {
            return "'" + feature.substring(2).replace("NOT_", "not ").replace("<", "").replace(">", "") + "…'";
        }
        if (feature.startsWith("e=")) {
            return feature.substring(2);
        }
        return switch (feature) {
            case "lex_pos" -> "positive words (lexicon)";
            case "lex_neg" -> "negative words (lexicon)";
            case "lex_balance" -> "balance of positive and negative words";
            case "excl" -> "exclamation marks";
            case "quest" -> "question marks";
            case "caps_words" -> "ALL-CAPS words";
            case "elongated" -> "elongated words";
            case "contrast" -> "contrast ('but')";
            case "negation" -> "negation";
            case "emoticon_pos" -> "positive emoticon";
            case "emoticon_neg" -> "negative emoticon";
            case "has_url" -> "link";
            case "has_mention" -> "@mention";
            case "bias" -> "baseline";
            case "laugh" -> "laughter (haha, jaja)";
            default -> feature.startsWith("cnlp") ? "CoreNLP sentence sentiment" : feature;
        };
    }
}
