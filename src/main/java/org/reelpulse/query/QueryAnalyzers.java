package org.reelpulse.query;

import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/** The analyzers per field, shared by indexing, query parsing and highlighting. */
public final class QueryAnalyzers {

    private QueryAnalyzers() {
    }

    public static Analyzer create() {
        Map<String, Analyzer> perField = new HashMap<>();
        perField.put("text_en", new EnglishAnalyzer());
        perField.put("text_fr", new FrenchAnalyzer());
        perField.put("text_de", new GermanAnalyzer());
        perField.put("text_es", new SpanishAnalyzer());
        Analyzer keyword = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                KeywordTokenizer source = new KeywordTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(source));
            }
        };
        for (String field : QueryFields.KEYWORD_FIELDS) {
            perField.put(field, keyword);
        }
        // the language-neutral text: words lower-cased and without accents, so "cafe" finds "café"
        Analyzer neutral = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
        return new PerFieldAnalyzerWrapper(neutral, perField);
    }
}
