import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.capture.PromptFeature;
import dev.feedbackloop.routing.TaskClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The task classifier's and the prompt features' cost a prompt (the two scans an import runs on every
 * prompt), warm, on one thread: the prompts of a JSON Lines file (at most 100,000), in 6 rounds; prints
 * each round's microseconds a prompt for each and the prompts' mean length. Run by classifier.sh.
 */
public class ClassifierBench {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> prompts = new ArrayList<>();
        try (var lines = Files.lines(Path.of(args[0]))) {
            lines.limit(100_000).forEach(line -> {
                try {
                    prompts.add(json.readTree(line).get("prompt").asText());
                } catch (Exception e) {
                    throw new IllegalArgumentException(e);
                }
            });
        }
        double chars = prompts.stream().mapToInt(String::length).average().orElse(0);
        TaskClassifier classifier = TaskClassifier.bundled();
        for (int round = 1; round <= 6; round++) {
            long start = System.nanoTime();
            int types = 0;
            for (String p : prompts) {
                types += classifier.typeOf(p).length();
            }
            long middle = System.nanoTime();
            for (String p : prompts) {
                types += PromptFeature.detect(p);
            }
            long end = System.nanoTime();
            System.out.printf("round %d: classifier %.2f us, prompt features %.2f us a prompt (%,d prompts, %.0f"
                    + " characters on average; %d)%n", round, (middle - start) / 1e3 / prompts.size(),
                    (end - middle) / 1e3 / prompts.size(), prompts.size(), chars, types);
        }
    }
}
