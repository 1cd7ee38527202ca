package dev.feedbackloop.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the specification's mode flags into subcommands: {@code --capture --prompt p} becomes
 * {@code capture --prompt p}; a mode flag that takes a value ({@code --import FILE},
 * {@code --route TASK}) brings it along as the subcommand's first parameter. The first mode flag
 * wins; arguments that already start with a subcommand are left alone.
 */
final class LegacyArgs {
    /** Mode flag -> (subcommand, takes a value). */
    private static final Map<String, Boolean> MODES = Map.ofEntries(
            Map.entry("--init", false), Map.entry("--capture", false), Map.entry("--analyze", false),
            Map.entry("--report", false), Map.entry("--suggest", false), Map.entry("--list", false),
            Map.entry("--stats", false), Map.entry("--generate", false), Map.entry("--demo", false),
            Map.entry("--import", true), Map.entry("--export", true),
            Map.entry("--route", true), Map.entry("--enhance", true));

    private LegacyArgs() {
    }

    static String[] translate(String[] args) {
        if (args.length == 0 || !args[0].startsWith("-")) {
            return args;
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String flag = a;
            String inlineValue = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                flag = a.substring(0, eq);
                inlineValue = a.substring(eq + 1);
            }
            Boolean takesValue = MODES.get(flag);
            if (takesValue == null || (!takesValue && inlineValue != null)) {
                continue;
            }
            List<String> out = new ArrayList<>();
            out.add(flag.substring(2));
            int skipUntil = i;
            if (takesValue) {
                if (inlineValue != null) {
                    out.add(inlineValue);
                } else if (i + 1 < args.length) {
                    out.add(args[i + 1]);
                    skipUntil = i + 1;
                }
            }
            for (int j = 0; j < args.length; j++) {
                if (j < i || j > skipUntil) {
                    out.add(args[j]);
                }
            }
            return out.toArray(new String[0]);
        }
        return args;
    }
}
