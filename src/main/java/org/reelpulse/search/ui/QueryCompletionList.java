package org.reelpulse.search.ui;

import org.reelpulse.search.QueryCompletion;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;

/**
 * Completion for a query field ({@code <rp-query-completion>} in {@code frontend/components}): the
 * browser asks as the user types, and shows the proposals as a list under the field.
 */
@Tag("rp-query-completion")
@JsModule("./components/rp-query-completion.ts")
class QueryCompletionList extends Component {

    private final QueryCompletion completion;

    /** Completes the text field with this id. */
    QueryCompletionList(QueryCompletion completion, String fieldId) {
        this.completion = completion;
        getElement().setAttribute("for", fieldId);
    }

    @ClientCallable
    JsonArray complete(String text, int caret) {
        JsonArray out = Json.createArray();
        for (QueryCompletion.Suggestion s : completion.complete(text, caret)) {
            JsonObject o = Json.createObject();
            o.put("value", s.value());
            o.put("label", s.label());
            o.put("detail", s.detail() == null ? "" : s.detail());
            o.put("from", s.from());
            o.put("to", s.to());
            out.set(out.length(), o);
        }
        return out;
    }
}
