package org.reelpulse.analyze.labour;

import java.util.ArrayList;
import java.util.List;

/** Every label of a post: themes, crafts, stakeholder group, entities and stance. */
public record Labels(List<Label> themes, List<Label> crafts, Label group, List<Label> entities, Label stance) {

    public static final Labels NONE = new Labels(List.of(), List.of(), null, List.of(), null);

    public Labels {
        themes = List.copyOf(themes);
        crafts = List.copyOf(crafts);
        entities = List.copyOf(entities);
    }

    /** All labels in one list, kind by kind. */
    public List<Label> all() {
        List<Label> all = new ArrayList<>(themes);
        all.addAll(crafts);
        if (group != null) {
            all.add(group);
        }
        all.addAll(entities);
        if (stance != null) {
            all.add(stance);
        }
        return all;
    }

    /** Regroups a flat list of labels by kind. */
    public static Labels of(List<Label> labels) {
        List<Label> themes = new ArrayList<>();
        List<Label> crafts = new ArrayList<>();
        List<Label> entities = new ArrayList<>();
        Label group = null;
        Label stance = null;
        for (Label l : labels) {
            switch (l.kind()) {
                case THEME -> themes.add(l);
                case CRAFT -> crafts.add(l);
                case ENTITY -> entities.add(l);
                case GROUP -> group = l;
                case STANCE -> stance = l;
            }
        }
        return new Labels(themes, crafts, group, entities, stance);
    }

    /** The names of the labels of one kind. */
    public List<String> names(LabelKind kind) {
        return all().stream().filter(l -> l.kind() == kind).map(Label::name).toList();
    }
}
