package org.reelpulse.analyze;

import java.io.Serializable;

import edu.stanford.nlp.classify.LinearClassifier;

/**
 * A trained sentiment model of one language as it is shipped: the classifier, the temperature that
 * calibrates its probabilities (fitted by cross-validation on the training split), and whether it
 * expects CoreNLP's sentence sentiment among its features.
 */
record TrainedSentiment(LinearClassifier<String, String> classifier, double temperature, boolean coreNlpFeatures)
        implements Serializable {
}
