package org.reelpulse.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.ejml.simple.SimpleMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.util.CoreMap;

/**
 * The shared CoreNLP pipelines for English, each built on first use because loading the models
 * takes seconds and a large part of the heap, and thread-safe after that: the full one (tokenize,
 * ssplit, pos, lemma, ner, parse, sentiment) for CoreNLP's sentence sentiment, and a light one
 * without the parser that only splits sentences and finds names.
 *
 * <p>A sentence's score is the expected value of the model's five classes weighted -1, -0.5, 0,
 * 0.5, 1; a post's score is the token-weighted mean of its sentences. The label follows the score
 * ({@link #LABEL_THRESHOLD}); the confidence is the probability mass the model put on the label's
 * side, averaged the same way.
 */
@Component
public class CoreNlpSentiment {

    public static final String METHOD = "corenlp-4.5.10-rntn";
    /** CoreNLP's three-class (person, organisation, location) English recogniser, in the models jar. */
    static final String NER_MODEL = "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz";

    /** A post or sentence scoring beyond ±this is negative or positive; neutral in between. */
    static final double LABEL_THRESHOLD = 0.2;

    private static final double[] CLASS_WEIGHTS = {-1, -0.5, 0, 0.5, 1};
    private static final Logger log = LoggerFactory.getLogger(CoreNlpSentiment.class);

    private final int parseMaxLength;
    private final String parser;
    private final boolean entities;
    private volatile StanfordCoreNLP pipeline;
    private volatile StanfordCoreNLP reader;

    CoreNlpSentiment(AnalyzeProperties properties) {
        this.parseMaxLength = properties.parseMaxLength();
        this.parser = properties.parser();
        this.entities = properties.entities();
    }

    private StanfordCoreNLP pipeline() {
        StanfordCoreNLP p = pipeline;
        if (p == null) {
            synchronized (this) {
                p = pipeline;
                if (p == null) {
                    p = build(true);
                    pipeline = p;
                }
            }
        }
        return p;
    }

    private StanfordCoreNLP reader() {
        StanfordCoreNLP p = reader;
        if (p == null) {
            synchronized (this) {
                p = reader;
                if (p == null) {
                    p = build(false);
                    reader = p;
                }
            }
        }
        return p;
    }

    /** A pipeline with or without the parser and CoreNLP's sentence sentiment model. */
    private StanfordCoreNLP build(boolean parse) {
        long start = System.nanoTime();
        Properties props = new Properties();
        List<String> annotators = new ArrayList<>(List.of("tokenize", "ssplit"));
        if (entities || parse) {
            annotators.add("pos");
        }
        if (entities) {
            // organisations and people only: the 3-class model, without the numeric, time and
            // fine-grained passes that cost time and find nothing we use
            annotators.addAll(List.of("lemma", "ner"));
            props.setProperty("ner.model", NER_MODEL);
            props.setProperty("ner.applyNumericClassifiers", "false");
            props.setProperty("ner.useSUTime", "false");
            props.setProperty("ner.applyFineGrained", "false");
            props.setProperty("ner.additionalRegexNER", "");
            props.setProperty("ner.buildEntityMentions", "true");
        }
        if (parse) {
            annotators.addAll(List.of("parse", "sentiment"));
            props.setProperty("parse.maxlen", Integer.toString(parseMaxLength));
            if (parser.equals("shift-reduce")) {
                props.setProperty("parse.model", AnalyzeProperties.SHIFT_REDUCE_MODEL);
            }
        }
        props.setProperty("annotators", String.join(",", annotators));
        props.setProperty("tokenize.options", "untokenizable=noneKeep,invertible=true");
        StanfordCoreNLP p = new StanfordCoreNLP(props);
        log.info("CoreNLP pipeline ({}) loaded in {} ms", String.join(",", annotators)
                + (parse ? ", " + parser + " parser" : ""), (System.nanoTime() - start) / 1_000_000);
        return p;
    }

    /** A sentence of a text: where it is and how many tokens it has. */
    public record Span(int begin, int end, int tokens) {
    }

    /** What the light pipeline finds: the sentences and the organisations and people named. */
    public record Reading(List<Span> sentences, List<EntityMention> mentions) {
    }

    /**
     * Splits English text into sentences and finds the names in it, without parsing: what the
     * analysis needs when the tweet model reads the sentences.
     */
    public Reading read(String text) {
        Annotation doc = new Annotation(text);
        reader().annotate(doc);
        List<Span> spans = new ArrayList<>();
        for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            spans.add(new Span(sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class),
                    sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class),
                    sentence.get(CoreAnnotations.TokensAnnotation.class).size()));
        }
        return new Reading(spans, mentions(doc));
    }

    /** Scores English text; the result keeps every sentence's part. */
    public Scored score(String text) {
        Annotation doc = new Annotation(text);
        pipeline().annotate(doc);
        List<SentenceSentiment> sentences = new ArrayList<>();
        double weightedScore = 0;
        double weightedConfidence = 0;
        int totalTokens = 0;
        for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            Tree tree = sentence.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
            SimpleMatrix predictions = tree == null ? null : RNNCoreAnnotations.getPredictions(tree);
            if (predictions == null) {
                continue;
            }
            double[] p = new double[CLASS_WEIGHTS.length];
            double score = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] = predictions.get(i);
                score += p[i] * CLASS_WEIGHTS[i];
            }
            int tokens = sentence.get(CoreAnnotations.TokensAnnotation.class).size();
            int begin = sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
            int end = sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
            SentimentLabel label = labelOf(score);
            sentences.add(new SentenceSentiment(sentences.size(), begin, end, text.substring(begin, end), tokens,
                    label, score, p, METHOD));
            weightedScore += score * tokens;
            totalTokens += tokens;
        }
        List<EntityMention> mentions = mentions(doc);
        if (totalTokens == 0) {
            return new Scored(SentimentLabel.NEUTRAL, 0.0, 0.0, sentences, mentions);
        }
        double score = clamp(weightedScore / totalTokens);
        SentimentLabel label = labelOf(score);
        for (SentenceSentiment s : sentences) {
            weightedConfidence += massOn(label, s.probabilities()) * s.tokens();
        }
        return new Scored(label, score, weightedConfidence / totalTokens, sentences, mentions);
    }

    /** The organisations and people the recogniser found, in order. */
    private List<EntityMention> mentions(Annotation doc) {
        List<EntityMention> found = new ArrayList<>();
        List<CoreMap> mentions = entities ? doc.get(CoreAnnotations.MentionsAnnotation.class) : null;
        if (mentions == null) {
            return found;
        }
        for (CoreMap m : mentions) {
            String tag = m.get(CoreAnnotations.NamedEntityTagAnnotation.class);
            if ("ORGANIZATION".equals(tag)) {
                found.add(new EntityMention(m.get(CoreAnnotations.TextAnnotation.class), "organisation"));
            } else if ("PERSON".equals(tag)) {
                found.add(new EntityMention(m.get(CoreAnnotations.TextAnnotation.class), "person"));
            }
        }
        return found;
    }

    static SentimentLabel labelOf(double score) {
        if (score <= -LABEL_THRESHOLD) {
            return SentimentLabel.NEGATIVE;
        }
        return score >= LABEL_THRESHOLD ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
    }

    private static double massOn(SentimentLabel label, double[] p) {
        return switch (label) {
            case NEGATIVE -> p[0] + p[1];
            case POSITIVE -> p[3] + p[4];
            default -> p[2];
        };
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }

    /**
     * A scored text: label, score in [-1, 1], confidence in [0, 1], the sentences, and the
     * organisations and people named (when the recogniser is on).
     */
    public record Scored(SentimentLabel label, double score, double confidence, List<SentenceSentiment> sentences,
            List<EntityMention> mentions) {
    }
}
