package dev.feedbackloop.suggestions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 speaking the Anthropic Messages API wire format
 * ({@code POST /v1/messages}), answering with scripted replies in order (the last one repeats)
 * and recording every request it received.
 */
final class FakeMessagesApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-messages-api");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** What the server received. */
    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One scripted reply; {@code delayMillis} holds the answer back (to provoke timeouts). */
    record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
    }

    FakeMessagesApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeMessagesApi reply(Reply reply) {
        synchronized (replies) {
            replies.add(reply);
        }
        return this;
    }

    FakeMessagesApi answer(String text) {
        return reply(new Reply(200, Map.of(), message(text), 0));
    }

    FakeMessagesApi error(int status, String type, String message, Map<String, String> headers) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_test");
        return reply(new Reply(status, headers, body.toString(), 0));
    }

    FakeMessagesApi slow(String text, long delayMillis) {
        return reply(new Reply(200, Map.of(), message(text), delayMillis));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    static String message(String text) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", "msg_test").put("type", "message").put("role", "assistant").put("model", "claude-test");
        m.putArray("content").addObject().put("type", "text").put("text", text);
        m.put("stop_reason", "end_turn");
        m.putNull("stop_sequence");
        m.putObject("usage").put("input_tokens", 100).put("output_tokens", 50);
        return m.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Reply reply;
            synchronized (replies) {
                reply = replies.size() > 1 ? replies.poll() : replies.peek();
            }
            if (reply == null || !"POST".equals(exchange.getRequestMethod())
                    || !"/v1/messages".equals(exchange.getRequestURI().getPath())) {
                reply = new Reply(404, Map.of(), "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\","
                        + "\"message\":\"not found\"}}", 0);
            }
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.getResponseHeaders().set("request-id", "req_test");
            reply.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException clientGone) {
                // the client timed out and closed the connection; nothing to answer
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
