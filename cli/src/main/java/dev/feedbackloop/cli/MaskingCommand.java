package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.lifecycle.Actors;
import dev.feedbackloop.privacy.Masking;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "masking", mixinStandardHelpOptions = true,
        header = "Show or set how captures treat personal data and secrets.",
        description = {"Off: stored as sent. Mask: e-mail addresses, phone numbers, payment cards, IBANs, IP addresses "
            + "and API keys or tokens in prompts, outputs, notes and context values are replaced by [email], [phone], "
            + "[card], [iban], [ip], [secret], with what was masked counted in the entry's context ('masked'). "
            + "Reject: such captures are refused (exit 2, HTTP 400) naming the field. The setting is kept in the "
            + "database for every later capture, import excepted; capture and serve --masking override it. "
            + "Names and postal addresses are not found (docs/privacy.md)."})
final class MaskingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODE", description = "off, mask or reject (omit to show).")
    String mode;

    @Override
    public Integer call() {
        Masking set = mode == null ? null : Masking.parse(mode);
        Masking now;
        try (FeedbackLoop loop = store.open()) {
            if (set != null) {
                loop.setMasking(set, Actors.cli());
            }
            now = set != null ? set : loop.masking();
        }
        if (store.json) {
            spec.commandLine().getOut().println(FeedbackJson.write(Map.of("masking", now.label())));
        } else {
            spec.commandLine().getOut().println("Masking at capture: " + now.label());
        }
        return ExitCodes.OK;
    }
}
