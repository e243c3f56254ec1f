package org.reelpulse.analyze;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import edu.stanford.nlp.classify.LinearClassifier;
import edu.stanford.nlp.classify.LinearClassifierFactory;
import edu.stanford.nlp.classify.RVFDataset;
import edu.stanford.nlp.ling.RVFDatum;
import edu.stanford.nlp.stats.ClassicCounter;
import edu.stanford.nlp.stats.Counter;

/**
 * Trains the per-language sentiment models on the labelled tweets' training splits and reports
 * them on the validation splits, which are never trained on. Reproducible: the same data gives the
 * same models. Run with {@code ./mvnw -Peval compile exec:java}; writes {@code data/models} and
 * prints the report that {@code docs/EVALUATION.md} quotes.
 *
 * <p>Arguments: the datasets folder (default {@code ../shared/datasets}), the output folder
 * (default {@code data/models}), and {@code --corenlp} to add CoreNLP's sentence sentiment to the
 * English features.
 */
public final class SentimentTraining {

    private static final Map<String, String> FOLDERS = Map.of("en", "english", "fr", "french", "de", "german",
            "es", "spanish");
    private static final String[] LABELS = {TweetSentimentModel.NEGATIVE, TweetSentimentModel.NEUTRAL,
            TweetSentimentModel.POSITIVE};
    private static final double[] SIGMAS = {0.25, 0.5, 1, 2};
    private static final int FOLDS = 5;

    private SentimentTraining() {
    }

    record Example(String text, String label) {
    }

    public static void main(String[] args) throws IOException {
        // one thread for the gradient: parallel sums add up in varying order and the models would
        // differ slightly from run to run
        edu.stanford.nlp.util.ArgumentParser.threads = 1;
        Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
        Path out = Path.of(args.length > 1 ? args[1] : "data/models");
        Files.createDirectories(out);
        // CoreNLP's sentence sentiment as extra English features: measured, it did not help (see
        // docs/EVALUATION.md) and it makes training ten times slower, so it is off unless asked for
        boolean coreNlpForEnglish = args.length > 2 && args[2].equals("--corenlp");
        TweetFeatures features = new TweetFeatures(Lexicon.load());
        // the foundation's method, for the baseline: CoreNLP with its default PCFG parser
        CoreNlpSentiment coreNlp = new CoreNlpSentiment(new AnalyzeProperties(true, 32, 2, 80,
                java.time.Duration.ofSeconds(1), "pcfg", false, "model"));
        StringBuilder report = new StringBuilder();
        for (String lang : TweetSentimentModel.LANGUAGES) {
            boolean withCoreNlp = lang.equals("en") && coreNlpForEnglish;
            Path folder = datasets.resolve("umsab").resolve(FOLDERS.get(lang));
            List<Example> train = read(folder.resolve("train_text.txt"), folder.resolve("train_labels.txt"));
            List<Map<String, Double>> trainFeatures = featuresOf(train, lang, features, withCoreNlp ? coreNlp : null);
            double sigma = chooseSigma(train, trainFeatures);
            double temperature = chooseTemperature(train, trainFeatures, sigma);
            TrainedSentiment model = new TrainedSentiment(train(train, trainFeatures, sigma), temperature, withCoreNlp);
            write(model, out.resolve("sentiment-" + lang + ".ser.gz"));
            report.append("## ").append(lang).append(" (trained on umsab/").append(FOLDERS.get(lang))
                    .append("/train, ").append(train.size()).append(" tweets; prior sigma ").append(sigma)
                    .append(", temperature ").append(temperature)
                    .append(withCoreNlp ? "; with CoreNLP sentence sentiment" : "").append(")\n\n");
            List<Example> val = read(folder.resolve("val_text.txt"), folder.resolve("val_labels.txt"));
            report.append(evaluate("umsab/" + FOLDERS.get(lang) + "/val", val,
                    featuresOf(val, lang, features, withCoreNlp ? coreNlp : null), model));
            if (lang.equals("en")) {
                // TweetEval and the English part of UMSAB both come from SemEval-2017: most TweetEval
                // validation tweets are in the UMSAB training split. Report only the unseen ones.
                Path te = datasets.resolve("tweeteval-sentiment");
                java.util.Set<String> seen = new java.util.HashSet<>();
                train.forEach(e -> seen.add(e.text().strip()));
                List<Example> unseen = read(te.resolve("val_text.txt"), te.resolve("val_labels.txt")).stream()
                        .filter(e -> !seen.contains(e.text().strip())).toList();
                List<Map<String, Double>> unseenFeatures = featuresOf(unseen, lang, features,
                        withCoreNlp ? coreNlp : null);
                report.append(evaluate("tweeteval-sentiment/val without the tweets in the training split", unseen,
                        unseenFeatures, model));
                report.append(baseline("CoreNLP alone (the foundation's method) on the same unseen tweets", unseen,
                        coreNlp));
            }
        }
        report.append(languageReport(datasets));
        System.out.println(report);
        Files.writeString(out.resolve("sentiment-report.md"), report.toString(), StandardCharsets.UTF_8);
    }

    /** How often language detection names the right language of the validation tweets, given no tag. */
    private static String languageReport(Path datasets) throws IOException {
        LanguageDetection detection = new LanguageDetection();
        StringBuilder b = new StringBuilder("## Language detection (Lingua, no language tag given)\n\n"
                + "| tweets | right | wrong | undecided | accuracy |\n|---|---|---|---|---|\n");
        for (String lang : TweetSentimentModel.LANGUAGES) {
            Path folder = datasets.resolve("umsab").resolve(FOLDERS.get(lang));
            List<Example> val = read(folder.resolve("val_text.txt"), folder.resolve("val_labels.txt"));
            int right = 0;
            int undecided = 0;
            for (Example e : val) {
                String found = detection.detect(e.text(), null).lang();
                if (found == null) {
                    undecided++;
                } else if (found.equals(lang)) {
                    right++;
                }
            }
            b.append(String.format(Locale.ROOT, "| umsab/%s/val (%d) | %d | %d | %d | %.3f |%n", FOLDERS.get(lang),
                    val.size(), right, val.size() - right - undecided, undecided, (double) right / val.size()));
        }
        return b.append('\n').toString();
    }

    /** Features of every example, in parallel; CoreNLP's sentence sentiment added when given. */
    static List<Map<String, Double>> featuresOf(List<Example> examples, String lang, TweetFeatures features,
            CoreNlpSentiment coreNlp) {
        return examples.parallelStream().map(e -> {
            Map<String, Double> f = features.extract(e.text(), lang);
            if (coreNlp != null) {
                f.putAll(TweetSentimentModel.coreNlpFeatures(coreNlp.score(e.text()).sentences()));
            }
            return f;
        }).toList();
    }

    private static String baseline(String name, List<Example> examples, CoreNlpSentiment coreNlp) {
        int[][] confusion = new int[3][3];
        List<SentimentLabel> labels = examples.parallelStream().map(e -> coreNlp.score(e.text()).label()).toList();
        for (int i = 0; i < examples.size(); i++) {
            int actual = List.of(LABELS).indexOf(examples.get(i).label());
            confusion[actual][List.of(LABELS).indexOf(labels.get(i).key())]++;
        }
        return table(name, new Scores(confusion, examples.size(), Double.NaN));
    }

    static List<Example> read(Path text, Path labels) throws IOException {
        List<String> t = Files.readAllLines(text, StandardCharsets.UTF_8);
        List<String> l = Files.readAllLines(labels, StandardCharsets.UTF_8);
        if (t.size() != l.size()) {
            throw new IOException(text + " and " + labels + " differ in length");
        }
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            examples.add(new Example(t.get(i), LABELS[Integer.parseInt(l.get(i).trim())]));
        }
        return examples;
    }

    private static RVFDatum<String, String> datum(Map<String, Double> values, String label) {
        Counter<String> c = new ClassicCounter<>();
        values.forEach(c::setCount);
        return new RVFDatum<>(c, label);
    }

    static LinearClassifier<String, String> train(List<Example> examples, List<Map<String, Double>> features,
            double sigma) {
        RVFDataset<String, String> data = new RVFDataset<>();
        for (int i = 0; i < examples.size(); i++) {
            data.add(datum(features.get(i), examples.get(i).label()));
        }
        LinearClassifierFactory<String, String> factory = new LinearClassifierFactory<>();
        factory.setSigma(sigma);
        factory.setVerbose(false);
        return factory.trainClassifier(data);
    }

    private static <T> List<T> pick(List<T> all, int fold, boolean inFold) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if ((i % FOLDS == fold) == inFold) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** Picks the prior's strength by cross-validation on the training split only. */
    private static double chooseSigma(List<Example> train, List<Map<String, Double>> features) {
        double best = SIGMAS[0];
        double bestScore = -1;
        for (double sigma : SIGMAS) {
            double total = 0;
            for (int fold = 0; fold < FOLDS; fold++) {
                LinearClassifier<String, String> model = train(pick(train, fold, false), pick(features, fold, false),
                        sigma);
                total += scores(pick(train, fold, true), pick(features, fold, true),
                        new TrainedSentiment(model, 1, false)).macroRecall();
            }
            if (total > bestScore) {
                bestScore = total;
                best = sigma;
            }
        }
        return best;
    }

    /** The temperature that makes the cross-validated probabilities most likely (calibration). */
    private static double chooseTemperature(List<Example> train, List<Map<String, Double>> features, double sigma) {
        List<double[]> scores = new ArrayList<>();
        List<Integer> actual = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            LinearClassifier<String, String> model = train(pick(train, fold, false), pick(features, fold, false), sigma);
            TrainedSentiment raw = new TrainedSentiment(model, 1, false);
            List<Example> check = pick(train, fold, true);
            List<Map<String, Double>> checkFeatures = pick(features, fold, true);
            for (int i = 0; i < check.size(); i++) {
                double[] p = TweetSentimentModel.probabilities(raw, checkFeatures.get(i));
                double[] logits = {Math.log(p[0]), Math.log(p[1]), Math.log(p[2])};
                scores.add(logits);
                actual.add(List.of(LABELS).indexOf(check.get(i).label()));
            }
        }
        double best = 1;
        double bestLoss = Double.MAX_VALUE;
        for (double t = 0.5; t <= 3.0001; t += 0.05) {
            double loss = 0;
            for (int i = 0; i < scores.size(); i++) {
                double[] s = scores.get(i);
                double max = Math.max(s[0], Math.max(s[1], s[2]));
                double sum = 0;
                for (double v : s) {
                    sum += Math.exp((v - max) / t);
                }
                loss -= (s[actual.get(i)] - max) / t - Math.log(sum);
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = Math.round(t * 100) / 100.0;
            }
        }
        return best;
    }

    record Scores(int[][] confusion, int n, double eceSum) {
        double recall(int c) {
            int row = 0;
            for (int x : confusion[c]) {
                row += x;
            }
            return row == 0 ? 0 : (double) confusion[c][c] / row;
        }

        double precision(int c) {
            int col = 0;
            for (int[] r : confusion) {
                col += r[c];
            }
            return col == 0 ? 0 : (double) confusion[c][c] / col;
        }

        double f1(int c) {
            double p = precision(c);
            double r = recall(c);
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        double macroRecall() {
            return (recall(0) + recall(1) + recall(2)) / 3;
        }

        double macroF1() {
            return (f1(0) + f1(1) + f1(2)) / 3;
        }

        double accuracy() {
            return (double) (confusion[0][0] + confusion[1][1] + confusion[2][2]) / n;
        }
    }

    static Scores scores(List<Example> examples, List<Map<String, Double>> features, TrainedSentiment model) {
        int[][] confusion = new int[3][3];
        // expected calibration error over 10 bins of the top probability
        double[] binConfidence = new double[10];
        double[] binCorrect = new double[10];
        int[] binCount = new int[10];
        for (int i = 0; i < examples.size(); i++) {
            double[] p = TweetSentimentModel.probabilities(model, features.get(i));
            int predicted = 0;
            for (int c = 1; c < 3; c++) {
                if (p[c] > p[predicted]) {
                    predicted = c;
                }
            }
            int actual = List.of(LABELS).indexOf(examples.get(i).label());
            confusion[actual][predicted]++;
            int bin = Math.min(9, (int) (p[predicted] * 10));
            binConfidence[bin] += p[predicted];
            binCorrect[bin] += actual == predicted ? 1 : 0;
            binCount[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            ece += Math.abs(binConfidence[b] - binCorrect[b]);
        }
        return new Scores(confusion, examples.size(), ece);
    }

    private static String evaluate(String name, List<Example> examples, List<Map<String, Double>> features,
            TrainedSentiment model) {
        return table(name, scores(examples, features, model));
    }

    private static String table(String name, Scores s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "**%s** (%d tweets): macro recall %.3f, macro F1 %.3f, accuracy %.3f",
                name, s.n(), s.macroRecall(), s.macroF1(), s.accuracy()));
        if (!Double.isNaN(s.eceSum())) {
            b.append(String.format(Locale.ROOT, ", expected calibration error %.3f", s.eceSum() / s.n()));
        }
        b.append("\n\n| actual \\ predicted | negative | neutral | positive | recall | precision | F1 |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (int c = 0; c < 3; c++) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.3f | %.3f |%n", LABELS[c],
                    s.confusion()[c][0], s.confusion()[c][1], s.confusion()[c][2], s.recall(c), s.precision(c),
                    s.f1(c)));
        }
        return b.append('\n').toString();
    }

    private static void write(TrainedSentiment model, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
                ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(os))) {
            out.writeObject(model);
        }
    }
}
