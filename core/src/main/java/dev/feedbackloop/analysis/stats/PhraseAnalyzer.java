package dev.feedbackloop.analysis.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Words and two-word phrases of a text, for phrase statistics: Lucene's standard tokenizer, lower
 * case, English stop words (Lucene's list plus common pronouns and auxiliaries) and tokens without
 * letters removed, then shingles of two. A phrase never spans a removed word ("examples of code"
 * gives "examples" and "code", not "examples code"). Thread-safe (Lucene reuses components per thread).
 */
public final class PhraseAnalyzer extends Analyzer {
    private static final String GAP = "\u0000";
    /** Added to Lucene's English set: words that carry no topic in prompts and notes. */
    private static final String[] EXTRA_STOP_WORDS = {
        "i", "me", "my", "we", "our", "you", "your", "he", "she", "his", "her", "its", "them", "us",
        "am", "been", "being", "do", "does", "did", "can", "could", "would", "should", "have", "has", "had",
        "what", "which", "who", "how", "so", "than", "too", "very", "just", "also", "about", "from", "up",
        "out", "any", "all", "some", "here", "were", "one", "s", "t"};
    private static final CharArraySet STOP_WORDS;

    static {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        for (String w : EXTRA_STOP_WORDS) {
            set.add(w);
        }
        STOP_WORDS = CharArraySet.unmodifiableSet(set);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream ts = new LowerCaseFilter(source);
        ts = new StopFilter(ts, STOP_WORDS);
        ts = new LengthFilter(ts, 2, 40);
        ts = new LettersOnly(ts);
        ShingleFilter shingles = new ShingleFilter(ts, 2, 2);
        shingles.setFillerToken(GAP);
        shingles.setOutputUnigrams(true);
        return new TokenStreamComponents(source, shingles);
    }

    /** Distinct words and two-word phrases of {@code text}, in order of first appearance. */
    public Set<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try (TokenStream ts = tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (!t.contains(GAP)) {
                    out.add(t);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Drops tokens without a letter (numbers, ids). */
    private static final class LettersOnly extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        LettersOnly(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            char[] buffer = term.buffer();
            for (int i = 0; i < term.length(); i++) {
                if (Character.isLetter(buffer[i])) {
                    return true;
                }
            }
            return false;
        }
    }
}
