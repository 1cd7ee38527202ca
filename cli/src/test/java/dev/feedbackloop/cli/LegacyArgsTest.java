package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LegacyArgsTest {
    @Test
    void modeFlagAnywhereBecomesTheSubcommand() {
        assertThat(LegacyArgs.translate(new String[] {"--analyze", "--days", "30"}))
                .containsExactly("analyze", "--days", "30");
        assertThat(LegacyArgs.translate(new String[] {"--days", "30", "--analyze"}))
                .containsExactly("analyze", "--days", "30");
    }

    @Test
    void modeFlagWithValueBringsItAlong() {
        assertThat(LegacyArgs.translate(new String[] {"--db", "x.db", "--import", "in.jsonl", "--skip-invalid"}))
                .containsExactly("import", "in.jsonl", "--db", "x.db", "--skip-invalid");
        assertThat(LegacyArgs.translate(new String[] {"--route=Plan a trip", "--json"}))
                .containsExactly("route", "Plan a trip", "--json");
    }

    @Test
    void subcommandsAndPlainArgumentsAreLeftAlone() {
        assertThat(LegacyArgs.translate(new String[] {"capture", "--prompt", "--capture"}))
                .containsExactly("capture", "--prompt", "--capture");
        assertThat(LegacyArgs.translate(new String[] {"--help"})).containsExactly("--help");
    }
}
