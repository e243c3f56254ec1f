package org.reelpulse.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that answers each request with the next scripted response (the last
 * one repeats) and records the requests it got, headers included.
 */
final class LoopbackServer implements AutoCloseable {

    /** One scripted answer. */
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** A request as the server saw it. */
    record Seen(String method, String path, Headers headers) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer last;
    final List<Seen> requests = new CopyOnWriteArrayList<>();

    LoopbackServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            requests.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders()));
            Answer a = script.poll();
            if (a == null) {
                a = last;
            } else {
                last = a;
            }
            try {
                if (a == null) {
                    exchange.sendResponseHeaders(500, -1);
                } else {
                    a.answer(exchange);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Answers the next requests with these, in order; the last one then repeats. */
    LoopbackServer then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    static Answer status(int status, Map<String, String> headers) {
        return ex -> {
            headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(status, -1);
        };
    }

    static Answer body(int status, Map<String, String> headers, byte[] body) {
        return ex -> {
            headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            ex.getResponseBody().write(body);
        };
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
