package dev.feedbackloop.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Helpers for the commands whose picocli model is built with picocli's programmatic API instead of
 * read from annotations: the root command, {@code capture} and the option groups they share
 * ({@link StoreOptions}, {@link FilterOptions}, {@link Thumbs}).
 *
 * <p>Why: the JDK reads each annotation through a dynamic proxy class generated at run time, one per
 * annotation type, and neither AppCDS nor JDK 25's AOT cache can keep those classes. Reading the
 * first annotated class costs a capture about 40-50 ms (JDK 25, start-up cache, measured in
 * {@code bench/capture/README.md}); a capture now reads none. Each of these models is defined once,
 * here in code; annotated commands take the shared groups as {@code @Mixin CommandSpec} fields.
 */
final class ProgrammaticSpecs {
    /** The name picocli gives the mixin of {@code mixinStandardHelpOptions = true}. */
    private static final String STANDARD_HELP = "mixinStandardHelpOptions";

    private ProgrammaticSpecs() {
    }

    /**
     * Adds {@code -h, --help} and {@code -V, --version} as {@code mixinStandardHelpOptions = true} does
     * (same names, descriptions and position: after every other option), without picocli reading its
     * annotated help mixin.
     */
    static CommandSpec withStandardHelp(CommandSpec spec) {
        CommandSpec help = CommandSpec.create();
        help.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
                .description("Show this help message and exit.").build());
        help.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class)
                .description("Print version information and exit.").build());
        return spec.addMixin(STANDARD_HELP, help);
    }

    /** An option's value kept in the command's own field, through {@code get} and {@code set}. */
    static <T> Binding<T> binding(Supplier<T> get, Consumer<T> set) {
        return new Binding<>(get, set);
    }

    /** Adapts a getter and a setter to picocli's (generic-method) {@link IGetter} and {@link ISetter}. */
    static final class Binding<T> implements IGetter, ISetter {
        private final Supplier<T> get;
        private final Consumer<T> set;

        private Binding(Supplier<T> get, Consumer<T> set) {
            this.get = get;
            this.set = set;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R get() {
            return (R) get.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R set(R value) {
            R old = (R) get.get();
            set.accept((T) value);
            return old;
        }
    }

    /** An option bound to a field through {@code binding}. */
    static <T> OptionSpec.Builder option(String name, Class<T> type, Supplier<T> get, Consumer<T> set) {
        Binding<T> b = binding(get, set);
        return OptionSpec.builder(name).type(type).getter(b).setter(b).initialValue(get.get());
    }
}
