package org.reelpulse.analyze.labour;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.reelpulse.base.NotFoundException;
import org.reelpulse.base.UserInputException;
import org.reelpulse.post.Post;
import org.reelpulse.post.PostRepository;
import org.springframework.stereotype.Service;

/** What the API and the views ask of the labour lens: the values of each kind, and corrections. */
@Service
public class LabelService {

    private final LabelRepository labels;
    private final LabelRulesService rules;
    private final PostRepository posts;
    private final Clock clock;

    LabelService(LabelRepository labels, LabelRulesService rules, PostRepository posts, Clock clock) {
        this.labels = labels;
        this.rules = rules;
        this.posts = posts;
        this.clock = clock;
    }

    /** The names a label of this kind may take, for pick lists (entities: the ones stored, most used first). */
    public List<String> names(LabelKind kind) {
        LabelRules r = rules.current();
        return switch (kind) {
            case THEME -> r.themeDefinitions().stream().map(d -> d.name()).toList();
            case CRAFT -> r.craftDefinitions().stream().map(d -> d.name()).toList();
            case GROUP -> List.copyOf(r.stakeholders().labels().keySet());
            case STANCE -> List.of("supports", "opposes", "neutral");
            case ENTITY -> List.copyOf(labels.counts(LabelKind.ENTITY).keySet());
        };
    }

    /** The label for people of a name. */
    public String title(LabelKind kind, String name) {
        return Labeller.title(rules.current(), kind, name);
    }

    /**
     * Corrects one kind of label of a post. A stakeholder group is corrected for the post's author,
     * so it holds for all their posts; the other kinds for this post. The post is labelled again in
     * the background within seconds, and every later re-analysis keeps the correction.
     */
    public Correction correct(long postId, LabelKind kind, List<String> names, String note, String by) {
        Post post = posts.findById(postId)
                .orElseThrow(() -> new NotFoundException("There is no post with id " + postId + "."));
        List<String> clean = check(kind, names);
        if (note != null && note.length() > 1000) {
            throw new UserInputException("Keep the note under 1,000 characters.");
        }
        Instant at = clock.instant();
        if (kind == LabelKind.GROUP) {
            return labels.correct(kind, null, post.source(), post.author().handle(), clean, note, by, at);
        }
        return labels.correct(kind, postId, null, null, clean, note, by, at);
    }

    private List<String> check(LabelKind kind, List<String> names) {
        Set<String> clean = new LinkedHashSet<>();
        for (String n : names == null ? List.<String>of() : names) {
            if (n == null || n.isBlank()) {
                continue;
            }
            clean.add(kind == LabelKind.ENTITY ? n.strip() : n.strip().toLowerCase(Locale.ROOT));
        }
        if (kind.single() && clean.size() != 1) {
            throw new UserInputException("A " + kind.key() + " correction names exactly one " + kind.key()
                    + "; choose one of " + names(kind) + ".");
        }
        if (kind != LabelKind.ENTITY) {
            List<String> allowed = names(kind);
            List<String> unknown = new ArrayList<>(clean.stream().filter(n -> !allowed.contains(n)).toList());
            if (!unknown.isEmpty()) {
                throw new UserInputException("Unknown " + kind.key() + " " + unknown + "; choose from " + allowed
                        + ".");
            }
        }
        return List.copyOf(clean);
    }

    public List<Correction> corrections() {
        return labels.corrections();
    }

    public boolean removeCorrection(long id) {
        return labels.removeCorrection(id);
    }
}
