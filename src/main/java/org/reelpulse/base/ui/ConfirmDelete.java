package org.reelpulse.base.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** The question every view asks before deleting something: "Delete it?", what goes with it, Delete or Cancel. */
public final class ConfirmDelete {

    private ConfirmDelete() {
    }

    /** Opens the question for {@code name}; {@code delete} runs only when the user confirms. */
    public static void open(String name, String consequences, Runnable delete) {
        ConfirmDialog confirm = new ConfirmDialog("Delete " + name + "?", consequences, "Delete", c -> delete.run());
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }
}
