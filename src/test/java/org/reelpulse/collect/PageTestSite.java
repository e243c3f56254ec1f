package org.reelpulse.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A web site on loopback (a real JDK HttpServer) that answers each path with its own scripted answers
 * (the last one repeats; an unknown path is a 404) and records every request, for crawls that ask for a
 * robots.txt, list pages, sitemaps and articles in one run.
 */
final class PageTestSite implements AutoCloseable {

    /** A request as the site saw it. */
    record Seen(String path, Headers headers) {
    }

    private final HttpServer server;
    private final Map<String, ConcurrentLinkedDeque<LoopbackServer.Answer>> routes = new ConcurrentHashMap<>();
    final List<Seen> requests = new CopyOnWriteArrayList<>();

    PageTestSite() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            requests.add(new Seen(path, exchange.getRequestHeaders()));
            ConcurrentLinkedDeque<LoopbackServer.Answer> script = routes.get(path);
            try {
                if (script == null || script.isEmpty()) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    LoopbackServer.Answer a = script.size() > 1 ? script.poll() : script.peek();
                    a.answer(exchange);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Answers the path with these, in order; the last one then repeats. */
    PageTestSite on(String path, LoopbackServer.Answer... answers) {
        ConcurrentLinkedDeque<LoopbackServer.Answer> script = new ConcurrentLinkedDeque<>(List.of(answers));
        routes.put(path, script);
        return this;
    }

    URI uri(String path) {
        return URI.create(base() + path);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How often the path was asked for. */
    long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    Headers last(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).reduce((a, b) -> b).orElseThrow().headers();
    }

    static LoopbackServer.Answer html(String html) {
        return html(html, StandardCharsets.UTF_8, "text/html; charset=UTF-8", Map.of());
    }

    static LoopbackServer.Answer html(String html, Charset encoding, String contentType, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", contentType);
        return LoopbackServer.body(200, all, html.getBytes(encoding));
    }

    static LoopbackServer.Answer text(String body) {
        return LoopbackServer.body(200, Map.of("Content-Type", "text/plain"), body.getBytes(StandardCharsets.UTF_8));
    }

    static LoopbackServer.Answer xml(String body) {
        return LoopbackServer.body(200, Map.of("Content-Type", "application/xml; charset=UTF-8"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
