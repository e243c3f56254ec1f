package org.reelpulse.analyze;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reelpulse.post.Post;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes generated posts as NDJSON for the import API, for the end-to-end benchmark
 * ({@code docs/benchmarks/end-to-end.sh}): {@code <count> <file>}. Reproducible (fixed seed).
 */
public final class GeneratedPosts {

    private GeneratedPosts() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        List<Post> posts = AnalysisBenchmark.generate(AnalysisBenchmark.demoPosts(), n, 42);
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (Post p : posts) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", p.source());
                m.put("externalId", p.externalId());
                m.put("author", Map.of("handle", p.author().handle()));
                m.put("text", p.text());
                m.put("lang", p.lang());
                m.put("publishedAt", p.publishedAt().toString());
                w.write(json.writeValueAsString(m));
                w.write('\n');
            }
        }
        System.out.println("wrote " + n + " posts to " + args[1]);
    }
}
