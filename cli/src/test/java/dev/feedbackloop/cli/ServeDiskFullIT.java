package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code feedback serve} on a disk that fills up, for real: the server runs in a mount namespace of
 * its own ({@code unshare -rm}, as {@link FileSystemLimitsTest}) with its database on a small tmpfs;
 * the namespace shares the network, so this test talks to it on loopback. Test and script take turns
 * through files in {@code results/}: the script fills the disk, frees it, stops the server and copies
 * the database out for checking.
 */
class ServeDiskFullIT {
    private static final String BIG = "x".repeat(20_000);

    @TempDir
    Path dir;

    @Test
    void aFullDiskGives507KeepsEveryAcknowledgedCaptureAndReadsGoOn() throws Exception {
        Path out = Files.createDirectories(dir.resolve("results"));
        Files.createDirectories(dir.resolve("disk"));
        String feedback = Subprocess.javaCommand().stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
        String script = "set -u\nFEEDBACK=\"" + feedback.replace("\"", "\\\"") + "\"\n"
                + "await() { while [ ! -f \"$OUT/$1\" ]; do sleep 0.05; done; }\n"
                + "mount -t tmpfs -o size=4m tmpfs \"$D/disk\" || exit 3\n"
                + "sh -c \"$FEEDBACK keys create --db '$D/disk/f.db' --name t --scope admin\" >\"$OUT/key\" 2>\"$OUT/key.err\"\n"
                + "sh -c \"exec $FEEDBACK serve --db '$D/disk/f.db' --port 0\" 2>\"$OUT/serve.err\" &\n"
                + "SERVER=$!\n"
                + "until grep -q 'on http://' \"$OUT/serve.err\" 2>/dev/null; do sleep 0.05; done\n"
                + "sed -n 's/.*127\\.0\\.0\\.1:\\([0-9]*\\).*/\\1/p' \"$OUT/serve.err\" | head -n 1 >\"$OUT/port.tmp\"\n"
                + "mv \"$OUT/port.tmp\" \"$OUT/port\"\n"
                + "await fill; dd if=/dev/zero of=\"$D/disk/filler\" bs=4k 2>/dev/null; touch \"$OUT/filled\"\n"
                + "await free; rm \"$D/disk/filler\"; touch \"$OUT/freed\"\n"
                + "await stop; kill -TERM $SERVER; wait $SERVER; echo $? >\"$OUT/serve.code\"\n"
                + "cp \"$D/disk\"/f.db* \"$OUT/\"\n";
        ProcessBuilder pb = new ProcessBuilder("unshare", "-rm", "sh", "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("ns.log").toFile());
        pb.environment().remove("FEEDBACK_DB");
        pb.environment().putAll(Map.of("OUT", out.toString(), "D", dir.toString()));
        Process ns = pb.start();
        try {
            Path port = await(ns, out.resolve("port"));
            String key = Files.readString(out.resolve("key")).strip();
            Server server = new Server(Integer.parseInt(Files.readString(port).strip()), key);

            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                assertThat(server.capture("before-" + i, "small").statusCode()).isEqualTo(201);
                acknowledged.add("before-" + i);
            }
            Files.createFile(out.resolve("fill"));
            await(ns, out.resolve("filled"));

            // the WAL may still have room from earlier transactions: capture until the disk says no
            HttpResponse<String> refused = null;
            for (int i = 0; i < 400 && refused == null; i++) {
                HttpResponse<String> r = server.capture("full-" + i, BIG);
                if (r.statusCode() == 201) {
                    acknowledged.add("full-" + i);
                } else {
                    refused = r;
                }
            }
            assertThat(refused).as("a capture was refused once the disk was full").isNotNull();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/problem+json"));
            @SuppressWarnings("unchecked")
            Map<String, Object> problem = (Map<String, Object>) Json.parse(refused.body());
            assertThat(problem).containsEntry("type", "/api#disk_full").containsEntry("status", 507);
            assertThat((String) problem.get("detail")).contains("full").contains("nothing was stored");

            // reads go on while the disk is full
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            assertThat(server.get("/api/v1/feedback/before-3").statusCode()).isEqualTo(200);
            assertThat(server.get("/api/v1/feedback?limit=5").statusCode()).isEqualTo(200);

            Files.createFile(out.resolve("free"));
            await(ns, out.resolve("freed"));
            HttpResponse<String> after = server.capture("after", "small");
            assertThat(after.statusCode()).as("captures work again once there is room: " + after.body()).isEqualTo(201);
            acknowledged.add("after");

            Files.createFile(out.resolve("stop"));
            assertThat(ns.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(out.resolve("serve.code")).strip()).isEqualTo("0");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("f.db"));
                 ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
            try (FeedbackLoop loop = FeedbackLoop.open(out.resolve("f.db"))) {
                for (String id : acknowledged) {
                    assertThat(loop.database().findById(id)).as("acknowledged " + id).isPresent();
                }
                assertThat(loop.database().count()).isEqualTo(acknowledged.size());
            }
        } finally {
            ns.destroyForcibly();
        }
    }

    /** Waits for {@code file}, failing with the namespace's log if the script ends first. */
    private Path await(Process ns, Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(file)) {
            if (!ns.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("waiting for " + file.getFileName() + "; the scenario said: "
                        + Files.readString(dir.resolve("ns.log")) + readIfThere(dir.resolve("results/serve.err")));
            }
            Thread.sleep(50);
        }
        return file;
    }

    private static String readIfThere(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private record Server(int port, String key) {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> capture(String id, String output) throws Exception {
            String body = Json.write(Map.of("feedback_id", id, "prompt", "prompt " + id, "output", output, "rating", 4));
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/feedback"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
