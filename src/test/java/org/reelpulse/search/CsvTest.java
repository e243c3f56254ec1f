package org.reelpulse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void shouldQuoteSeparatorsQuotesAndLineBreaks() {
        assertThat(Csv.line(Arrays.asList("a,b", "say \"no\"", "two\nlines", null, 3)))
                .isEqualTo("\"a,b\",\"say \"\"no\"\"\",\"two\nlines\",,3\r\n");
    }

    @Test
    void shouldMakeSpreadsheetFormulasInert() {
        assertThat(Csv.line(Arrays.asList("=HYPERLINK(\"x\")", -0.5))).startsWith("\"'=HYPERLINK(").endsWith(",-0.5\r\n");
    }
}
