package org.reelpulse.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/events}: the tracked events. */
@RestController
class EventApi {

    private final EventRepository events;

    EventApi(EventRepository events) {
        this.events = events;
    }

    @GetMapping("/api/events")
    List<Map<String, Object>> events() {
        return events.findAll().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("slug", e.slug());
            m.put("name", e.name());
            m.put("query", e.query());
            m.put("description", e.description());
            m.put("announcedAt", e.announcedAt() == null ? null : e.announcedAt().toString());
            m.put("from", e.from().toString());
            m.put("to", e.to().toString());
            return m;
        }).toList();
    }
}
