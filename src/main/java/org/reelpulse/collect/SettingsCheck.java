package org.reelpulse.collect;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The checks every adapter's {@code checkSettings} shares, each refusal naming its field. */
final class SettingsCheck {

    private SettingsCheck() {
    }

    /**
     * Refuses a setting the kind does not know, e.g. "A feed takes the settings 'url' and 'fetchArticle';
     * 'URL' is not one of them."
     */
    static void only(JsonNode settings, String who, String... names) {
        List<String> known = List.of(names);
        for (Iterator<String> it = settings.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name)) {
                throw SourceService.problem("settings." + name, who + " takes the settings " + listed(known) + "; '"
                        + name + "' is not one of them.");
            }
        }
    }

    private static String listed(List<String> names) {
        List<String> quoted = names.stream().map(n -> "'" + n + "'").toList();
        return quoted.size() == 1 ? quoted.get(0)
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }

    /**
     * A list of strings, each stripped, none blank; empty when the field is absent or null. {@code what}
     * says what one entry is, e.g. "a search like \"Lionsgate Runway\"".
     */
    static List<String> strings(JsonNode settings, String field, String what) {
        JsonNode node = settings.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw SourceService.problem("settings." + field, field + " is a list; write each as " + what + ".");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isTextual() || v.asText().isBlank()) {
                throw SourceService.problem("settings." + field, "Each entry of " + field + " is " + what + "; "
                        + (v.isTextual() ? "an empty one" : v.toString()) + " is not.");
            }
            out.add(v.asText().strip());
        }
        return out;
    }
}
