package org.reelpulse.base.ui;

import java.util.Map;

import org.reelpulse.base.UserInputException;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Div;

/**
 * A form's refusal shown where it belongs: on the field the service named ({@code details().field}),
 * which gets the focus, and in full under the form.
 */
public final class FormProblems {

    private final Map<String, ? extends HasValidation> fields;
    private final Div problem = new Div();

    /** {@code fields} by the names the service uses for them; {@code id} the id of the message under the form. */
    public FormProblems(Map<String, ? extends HasValidation> fields, String id) {
        this.fields = fields;
        problem.setId(id);
        problem.addClassName("rp-error");
        problem.setVisible(false);
    }

    /** The message under the form, to add to it. */
    public Div message() {
        return problem;
    }

    /** Clears every field's error and the message, before the next try. */
    public void clear() {
        fields.values().forEach(f -> f.setInvalid(false));
        problem.setVisible(false);
    }

    public void show(UserInputException refusal) {
        Object field = refusal.details().get("field");
        HasValidation f = field == null ? null : fields.get(field.toString());
        if (f != null) {
            f.setErrorMessage(refusal.getMessage());
            f.setInvalid(true);
            if (f instanceof Component c) {
                c.getElement().callJsFunction("focus");
            }
        }
        problem.setText(refusal.getMessage());
        problem.setVisible(true);
    }
}
