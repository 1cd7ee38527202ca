package dev.feedbackloop.cli;

import picocli.CommandLine.Model.ArgGroupSpec;

/** {@code [--thumbs-up | --thumbs-down]}: what capture stores, and a filter of list and export. */
final class Thumbs {
    private boolean up;
    private boolean down;

    /** True for {@code --thumbs-up}, false for {@code --thumbs-down}, null when neither was given. */
    Boolean value() {
        return up ? Boolean.TRUE : down ? Boolean.FALSE : null;
    }

    /** The two options as an exclusive, optional picocli group that stores into this object. */
    ArgGroupSpec group() {
        return ArgGroupSpec.builder().exclusive(true).multiplicity("0..1")
                .addArg(ProgrammaticSpecs.option("--thumbs-up", boolean.class, () -> up, v -> up = v)
                        .required(true).description("The user gave a thumbs up.").build())
                .addArg(ProgrammaticSpecs.option("--thumbs-down", boolean.class, () -> down, v -> down = v)
                        .required(true).description("The user gave a thumbs down.").build())
                .build();
    }
}
