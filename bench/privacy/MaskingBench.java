import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.generate.SampleGenerator;
import dev.feedbackloop.privacy.CaptureMasking;
import dev.feedbackloop.privacy.Masker;
import dev.feedbackloop.privacy.Masking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cost of masking one capture in process: CaptureMasking(MASK) over generated entries (prompt,
 * output, notes, context), as they are, and with personal data added to every entry's prompt and
 * notes. Prints the median of 7 rounds in microseconds per entry.
 */
public class MaskingBench {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<FeedbackEntry> plain = new ArrayList<>();
        new SampleGenerator(new SampleGenerator.Settings(n, 30, 42, Instant.now())).forEach(s -> plain.add(s.entry()));
        List<FeedbackEntry> personal = new ArrayList<>();
        for (FeedbackEntry e : plain) {
            personal.add(new FeedbackEntry(e.prompt() + " Reply to jane.doe@example.com or +44 20 7946 0958.",
                    e.output(), e.rating(), e.thumbsUp(), e.tags(), e.timestamp(), e.context(), e.feedbackId(),
                    "card 4111 1111 1111 1111, key sk-ant-api03-AbCdEf0123456789_xyz, from 203.0.113.42"));
        }
        CaptureMasking masking = new CaptureMasking(Masking.MASK, new Masker());
        long chars = plain.stream().mapToLong(e -> e.prompt().length() + e.output().length()
                + (e.notes() == null ? 0 : e.notes().length())).sum();
        System.out.printf("entries: %,d, %.0f characters of text each on average%n", n, (double) chars / n);
        for (String label : List.of("without personal data", "with 5 items of personal data")) {
            List<FeedbackEntry> entries = label.startsWith("without") ? plain : personal;
            double[] rounds = new double[7];
            for (int warm = 0; warm < 3; warm++) {
                run(masking, entries);
            }
            for (int r = 0; r < rounds.length; r++) {
                rounds[r] = run(masking, entries) / 1000.0 / entries.size();
            }
            Arrays.sort(rounds);
            System.out.printf("mask, %s: median %.1f us per capture (rounds %.1f-%.1f)%n", label, rounds[3], rounds[0],
                    rounds[6]);
        }
    }

    private static long run(CaptureMasking masking, List<FeedbackEntry> entries) {
        long start = System.nanoTime();
        int changed = 0;
        for (FeedbackEntry e : entries) {
            if (masking.apply(e) != e) {
                changed++;
            }
        }
        long took = System.nanoTime() - start;
        if (changed < 0) {
            throw new AssertionError();
        }
        return took;
    }
}
