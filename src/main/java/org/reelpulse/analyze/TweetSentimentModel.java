package org.reelpulse.analyze;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

import edu.stanford.nlp.classify.LinearClassifier;
import edu.stanford.nlp.ling.RVFDatum;
import edu.stanford.nlp.stats.ClassicCounter;
import edu.stanford.nlp.stats.Counter;

/**
 * The sentiment model for social posts: one logistic regression per language (CoreNLP's
 * {@link LinearClassifier}), trained on labelled tweets over the features of {@link TweetFeatures}.
 * Models are shipped in {@code data/models} and loaded once, on first use.
 */
final class TweetSentimentModel {

    static final List<String> LANGUAGES = List.of("en", "fr", "de", "es");
    static final String VERSION = "tweet-lr-1";
    static final String NEGATIVE = "negative";
    static final String NEUTRAL = "neutral";
    static final String POSITIVE = "positive";

    private final TweetFeatures features;
    private final Map<String, TrainedSentiment> models = new ConcurrentHashMap<>();

    TweetSentimentModel(TweetFeatures features) {
        this.features = features;
    }

    static String resource(String lang) {
        return "models/sentiment-" + lang + ".ser.gz";
    }

    boolean supports(String lang) {
        return LANGUAGES.contains(lang);
    }

    /** Class probabilities, the score p(positive) − p(negative), and the features that moved it most. */
    record Prediction(String label, double pNegative, double pNeutral, double pPositive, List<String> drivers) {
        double score() {
            return pPositive - pNegative;
        }

        double confidence() {
            return Math.max(pNegative, Math.max(pNeutral, pPositive));
        }
    }

    /** Whether the model of this language wants CoreNLP's sentence sentiment as features. */
    boolean wantsCoreNlp(String lang) {
        return model(lang).coreNlpFeatures();
    }

    /** Predicts from the text, plus CoreNLP's sentences when the model wants them (else null). */
    Prediction predict(String text, String lang, java.util.List<SentenceSentiment> coreNlpSentences) {
        Map<String, Double> values = features.extract(text, lang);
        if (coreNlpSentences != null) {
            values.putAll(coreNlpFeatures(coreNlpSentences));
        }
        return predict(values, lang);
    }

    Prediction predict(Map<String, Double> featureValues, String lang) {
        TrainedSentiment model = model(lang);
        double[] p = probabilities(model, featureValues);
        String label = p[0] >= p[1] && p[0] >= p[2] ? NEGATIVE : p[2] >= p[1] ? POSITIVE : NEUTRAL;
        return new Prediction(label, p[0], p[1], p[2], drivers(model.classifier(), featureValues, label));
    }

    /** Calibrated probabilities of negative, neutral, positive. */
    static double[] probabilities(TrainedSentiment model, Map<String, Double> featureValues) {
        Counter<String> values = new ClassicCounter<>();
        featureValues.forEach(values::setCount);
        Counter<String> scores = model.classifier().scoresOf(new RVFDatum<>(values));
        double[] s = {scores.getCount(NEGATIVE), scores.getCount(NEUTRAL), scores.getCount(POSITIVE)};
        double max = Math.max(s[0], Math.max(s[1], s[2]));
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            s[i] = Math.exp((s[i] - max) / model.temperature());
            sum += s[i];
        }
        for (int i = 0; i < 3; i++) {
            s[i] /= sum;
        }
        return s;
    }

    /** CoreNLP's sentence sentiment summarised as features: mean class probabilities, lowest and highest sentence. */
    static Map<String, Double> coreNlpFeatures(java.util.List<SentenceSentiment> sentences) {
        Map<String, Double> f = new java.util.LinkedHashMap<>();
        if (sentences.isEmpty()) {
            return f;
        }
        double[] mean = new double[5];
        double min = 1;
        double max = -1;
        int tokens = 0;
        for (SentenceSentiment s : sentences) {
            for (int i = 0; i < 5; i++) {
                mean[i] += s.probabilities()[i] * s.tokens();
            }
            tokens += s.tokens();
            min = Math.min(min, s.score());
            max = Math.max(max, s.score());
        }
        for (int i = 0; i < 5; i++) {
            f.put("cnlp_p" + i, tokens == 0 ? 0 : mean[i] / tokens);
        }
        f.put("cnlp_min", min);
        f.put("cnlp_max", max);
        return f;
    }

    /** The features that pushed most toward the predicted label against the other labels. */
    private static List<String> drivers(LinearClassifier<String, String> model, Map<String, Double> values,
            String label) {
        record Push(String feature, double amount) {
        }
        List<Push> pushes = new ArrayList<>();
        for (var e : values.entrySet()) {
            if (!explains(e.getKey())) {
                continue;
            }
            double own = model.weight(e.getKey(), label);
            double others = 0;
            for (String l : List.of(NEGATIVE, NEUTRAL, POSITIVE)) {
                if (!l.equals(label)) {
                    others += model.weight(e.getKey(), l) / 2;
                }
            }
            double amount = (own - others) * e.getValue();
            if (amount > 0.05) {
                pushes.add(new Push(e.getKey(), amount));
            }
        }
        pushes.sort(Comparator.comparingDouble(Push::amount).reversed());
        return pushes.stream().limit(5).map(p -> TweetFeatures.describe(p.feature())).distinct().toList();
    }

    /**
     * Whether a feature means something to a reader: not the baseline, not word fragments, and not
     * short function words, which the model may weigh but nobody would call a reason.
     */
    static boolean explains(String feature) {
        if (feature.equals("bias") || feature.startsWith("c=") || feature.startsWith("b=")) {
            return false;
        }
        if (feature.startsWith("w=")) {
            String word = feature.startsWith("w=NOT_") ? feature.substring(6) : feature.substring(2);
            return word.codePointCount(0, word.length()) >= 3 && !FUNCTION_WORDS.contains(word);
        }
        return true;
    }

    private static final java.util.Set<String> FUNCTION_WORDS = java.util.Set.of(
            "the", "and", "for", "that", "this", "with", "you", "are", "was", "have", "has", "its", "it's", "but",
            "from", "they", "their", "what", "will", "just", "about", "les", "des", "une", "que", "qui", "pour",
            "dans", "sur", "est", "pas", "los", "las", "una", "por", "para", "con", "del", "der", "die",
            "das", "und", "ist", "ein", "eine", "mit", "den", "von", "sich", "auf", "für", "nicht");

    private TrainedSentiment model(String lang) {
        return models.computeIfAbsent(lang, TweetSentimentModel::load);
    }

    private static TrainedSentiment load(String lang) {
        String resource = resource(lang);
        try (InputStream in = TweetSentimentModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The sentiment model " + resource + " is missing; rebuild it with "
                        + "./mvnw -Peval compile exec:java (see docs/EVALUATION.md)");
            }
            try (ObjectInputStream objects = new ObjectInputStream(new GZIPInputStream(in))) {
                return (TrainedSentiment) objects.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sentiment model " + resource, e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The sentiment model " + resource + " does not fit this version", e);
        }
    }
}
