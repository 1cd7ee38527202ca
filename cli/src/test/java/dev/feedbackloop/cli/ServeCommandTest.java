package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path dir;

    /** Nothing would be protected: without any key, serve listens on loopback only. */
    @Test
    void withoutAnyKeyServeRefusesToListenBeyondLoopback() {
        CliRun run = CliRun.run("serve", "--host", "0.0.0.0", "--port", "0", "--db", dir.resolve("f.db").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no API key exists: refusing to listen on 0.0.0.0");
    }
}
