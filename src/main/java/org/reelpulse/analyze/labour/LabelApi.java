package org.reelpulse.analyze.labour;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reelpulse.base.NotFoundException;
import org.reelpulse.base.UserInputException;
import org.reelpulse.query.NamedQueries;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The labour lens in the API: the themes, crafts and stakeholder groups with their rules (anyone),
 * editing themes and crafts, and correcting a post's labels (ADMIN).
 */
@RestController
@RequestMapping("/api")
class LabelApi {

    private final LabelRulesService rules;
    private final LabelService labels;

    LabelApi(LabelRulesService rules, LabelService labels) {
        this.rules = rules;
        this.labels = labels;
    }

    /** The labour themes and their query per language. */
    @GetMapping("/themes")
    List<Map<String, Object>> themes() {
        return definitions(LabelKind.THEME);
    }

    /** The crafts and their query per language. */
    @GetMapping("/crafts")
    List<Map<String, Object>> crafts() {
        return definitions(LabelKind.CRAFT);
    }

    /** The stakeholder groups and the rules that place an author in one. */
    @GetMapping("/groups")
    List<Map<String, Object>> groups() {
        Stakeholders s = rules.current().stakeholders();
        return s.all().stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", g.name());
            m.put("label", g.label());
            m.put("sources", g.sources());
            m.put("accounts", g.accounts());
            m.put("profile", g.profile());
            return m;
        }).toList();
    }

    @PutMapping({"/themes/{name}", "/crafts/{name}"})
    Map<String, Object> save(@PathVariable String name, @RequestBody Map<String, Object> body, Principal user,
            jakarta.servlet.http.HttpServletRequest request) {
        LabelKind kind = kindOf(request);
        Object query = body.get("query");
        if (!(query instanceof Map<?, ?> q)) {
            throw new UserInputException("Send {\"label\": \"...\", \"query\": {\"en\": \"...\", \"fr\": \"...\"}}: "
                    + "'query' holds one query per language.");
        }
        Map<String, String> queries = new LinkedHashMap<>();
        q.forEach((k, v) -> queries.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        Object title = body.get("label");
        NamedQueries.Definition d = rules.save(kind, name, title == null ? null : String.valueOf(title), queries,
                user.getName());
        return definition(d);
    }

    @DeleteMapping({"/themes/{name}", "/crafts/{name}"})
    Map<String, Object> reset(@PathVariable String name, jakarta.servlet.http.HttpServletRequest request) {
        LabelKind kind = kindOf(request);
        if (!rules.reset(kind, name)) {
            throw new NotFoundException("No edited " + kind.key() + " '" + name + "'; shipped definitions are "
                    + "changed by editing them.");
        }
        return Map.of("name", name, "restored", rules.shipped(kind, name));
    }

    /**
     * Corrects one kind of a post's labels: {@code {"kind": "group", "names": ["press"], "note": "..."}}.
     * A group is corrected for the author; other kinds for the post.
     */
    @PostMapping("/posts/{id}/labels")
    Map<String, Object> correct(@PathVariable long id, @RequestBody Map<String, Object> body, Principal user) {
        Object kind = body.get("kind");
        LabelKind k;
        try {
            k = LabelKind.ofKey(String.valueOf(kind));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("'kind' must be one of theme, craft, group, entity, stance; not '" + kind
                    + "'.");
        }
        Object names = body.get("names");
        if (!(names instanceof List<?> list)) {
            throw new UserInputException("'names' must be a list of names (empty to remove every label of "
                    + "the kind).");
        }
        Object note = body.get("note");
        return correction(labels.correct(id, k, list.stream().map(String::valueOf).toList(),
                note == null ? null : String.valueOf(note), user.getName()));
    }

    @GetMapping("/corrections")
    List<Map<String, Object>> corrections() {
        return labels.corrections().stream().map(LabelApi::correction).toList();
    }

    @DeleteMapping("/corrections/{id}")
    Map<String, Object> removeCorrection(@PathVariable long id) {
        if (!labels.removeCorrection(id)) {
            throw new NotFoundException("There is no correction with id " + id + ".");
        }
        return Map.of("removed", id);
    }

    private static LabelKind kindOf(jakarta.servlet.http.HttpServletRequest request) {
        return request.getRequestURI().contains("/api/crafts/") ? LabelKind.CRAFT : LabelKind.THEME;
    }

    private List<Map<String, Object>> definitions(LabelKind kind) {
        LabelRules r = rules.current();
        return (kind == LabelKind.THEME ? r.themeDefinitions() : r.craftDefinitions()).stream()
                .map(LabelApi::definition).toList();
    }

    private static Map<String, Object> definition(NamedQueries.Definition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("label", d.label());
        m.put("query", d.queries());
        return m;
    }

    private static Map<String, Object> correction(Correction c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("kind", c.kind().key());
        m.put("postId", c.postId());
        if (c.postId() == null) {
            m.put("author", Map.of("source", c.source(), "handle", c.authorHandle()));
        }
        m.put("names", c.names());
        m.put("note", c.note());
        m.put("correctedBy", c.correctedBy());
        m.put("correctedAt", c.correctedAt().toString());
        return m;
    }
}
