package org.reelpulse.collect;

import java.io.IOException;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/** {@code POST /api/import}: the body is NDJSON, one post per line. */
@RestController
class ImportApi {

    private final NdjsonImporter importer;

    ImportApi(NdjsonImporter importer) {
        this.importer = importer;
    }

    @PostMapping("/api/import")
    ImportResult importPosts(HttpServletRequest request) throws IOException {
        return importer.importFrom(request.getInputStream());
    }
}
