package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document is valid, and it describes exactly the routes the server has. */
class OpenApiIT {
    @TempDir
    Path dir;

    @Test
    void documentIsValidAndMatchesTheRealRoutes() throws Exception {
        try (ServerFixture s = new ServerFixture(dir)) {
            HttpResponse<String> doc = s.get("/openapi.json", null);
            assertThat(doc.statusCode()).isEqualTo(200);
            SwaggerParseResult parsed = new OpenAPIParser().readContents(doc.body(), null, null);
            assertThat(parsed.getMessages()).isEmpty();
            assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");

            Set<String> documented = new TreeSet<>();
            parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap()
                    .keySet().forEach(method -> documented.add(method.name() + " " + path)));
            assertThat(documented).isEqualTo(new TreeSet<>(s.server.routes()));

            HttpResponse<String> page = s.get("/api", null);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            for (String route : s.server.routes()) {
                assertThat(page.body()).as("the API page mentions " + route).contains(route.substring(route.indexOf(' ') + 1)
                        .replace("{period}", "weekly"));
            }
        }
    }
}
