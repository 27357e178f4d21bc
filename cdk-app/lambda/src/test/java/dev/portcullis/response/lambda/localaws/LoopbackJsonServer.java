package dev.portcullis.response.lambda.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP plumbing shared by the loopback fakes: a com.sun.net.httpserver server on 127.0.0.1 and an ephemeral
 * port, JSON in and out, and AWS-style error bodies the SDK turns into its typed exceptions.
 */
abstract class LoopbackJsonServer implements AutoCloseable {
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    LoopbackJsonServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback port", e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers one request; the body is the parsed request JSON (an empty object when there is none). */
    protected abstract Reply handle(String method, String path, HttpExchange exchange, JsonNode body);

    private void serve(HttpExchange exchange) throws IOException {
        Reply reply;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            reply = handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange, body);
        } catch (IOException | RuntimeException e) {
            reply = error(400, "SerializationException", "cannot read request: " + e.getMessage());
        }
        byte[] bytes = JSON.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (reply.errorType() != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", reply.errorType());
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    protected static Reply ok(JsonNode body) {
        return new Reply(200, null, body);
    }

    protected static Reply error(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message).put("Message", message);
        return new Reply(status, type, body);
    }

    protected static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** What the fake sends back; errorType non-null marks an AWS error. */
    protected record Reply(int status, String errorType, JsonNode body) {
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
