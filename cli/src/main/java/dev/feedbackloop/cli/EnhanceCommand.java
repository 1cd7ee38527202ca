package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.routing.PromptEnhancer;
import dev.feedbackloop.routing.RoutingDecision;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "enhance", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Route a task and print the enhanced prompt.",
        description = {"The specification's build_enhanced_prompt. Plain output is the prompt alone, ready to pipe; "
            + "--json adds the routing decision."})
final class EnhanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RouterOptions router;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Override
    public Integer call() {
        RouterOptions.Routed routed = router.route(store);
        String task = routed.task();
        RoutingDecision d = routed.decision();
        String prompt = new PromptEnhancer(routed.rules()).build(task, d);
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", task);
            m.put("routing", d.toMap(router.explain));
            m.put("enhanced_prompt", prompt);
            out.println(FeedbackJson.write(m));
            return ExitCodes.OK;
        }
        if (router.explain) {
            DecisionText.print(out, d, true);
            out.println();
        }
        out.print(prompt);
        out.flush();
        return ExitCodes.OK;
    }
}
