package dev.feedbackloop.cli;

import dev.feedbackloop.routing.RoutingDecision;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "route", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Choose a prompting framework, techniques and model for a task.",
        description = {"The specification's route_prompt. Learns from feedback captured with --routing (the JSON "
            + "this command prints with --json)."})
final class RouteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RouterOptions router;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Override
    public Integer call() {
        RoutingDecision d = router.route(store).decision();
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            out.println(d.toJson(router.explain));
        } else {
            DecisionText.print(out, d, router.explain);
        }
        return ExitCodes.OK;
    }
}
