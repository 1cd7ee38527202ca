package dev.feedbackloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {
    static final Clock FRIDAY = Clock.fixed(Instant.parse("2026-11-27T14:37:25Z"), ZoneOffset.UTC);

    @Test
    void rollingWindowsEndNowAndAreLabelledByTheirWeekOrMonth() {
        ReportPeriod week = ReportPeriod.rolling(ReportPeriod.Kind.WEEKLY, FRIDAY);
        assertThat(week.label()).isEqualTo("2026-W48");
        assertThat(week.start()).isEqualTo(Instant.parse("2026-11-20T14:37:25Z"));
        assertThat(week.end()).isEqualTo(Instant.parse("2026-11-27T14:37:25Z"));
        ReportPeriod before = week.previous(ZoneOffset.UTC);
        assertThat(before.end()).isEqualTo(week.start());
        assertThat(before.start()).isEqualTo(Instant.parse("2026-11-13T14:37:25Z"));
        assertThat(before.label()).isEqualTo("2026-W47");

        ReportPeriod month = ReportPeriod.rolling(ReportPeriod.Kind.MONTHLY, FRIDAY);
        assertThat(month.label()).isEqualTo("2026-11");
        assertThat(month.start()).isEqualTo(Instant.parse("2026-10-28T14:37:25Z"));
    }

    @Test
    void isoWeeksRunMondayToMonday() {
        ReportPeriod w47 = ReportPeriod.isoWeek("2026-W47", ZoneOffset.UTC);
        assertThat(w47.label()).isEqualTo("2026-W47");
        assertThat(w47.start()).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
        assertThat(w47.end()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(w47.previous(ZoneOffset.UTC).label()).isEqualTo("2026-W46");
        // week 1 of 2026 starts in 2025; 2026 has 53 weeks
        assertThat(ReportPeriod.isoWeek("2026-W01", ZoneOffset.UTC).start()).isEqualTo(Instant.parse("2025-12-29T00:00:00Z"));
        assertThat(ReportPeriod.isoWeek("2026-W53", ZoneOffset.UTC).end()).isEqualTo(Instant.parse("2027-01-04T00:00:00Z"));
        assertThat(ReportPeriod.isoWeek("2026-W01", ZoneOffset.UTC).previous(ZoneOffset.UTC).label()).isEqualTo("2025-W52");
    }

    @Test
    void calendarPeriodsFollowTheZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ReportPeriod oct = ReportPeriod.month("2026-10", berlin);
        assertThat(oct.label()).isEqualTo("2026-10");
        assertThat(oct.start()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
        assertThat(oct.end()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(oct.previous(berlin).label()).isEqualTo("2026-09");
    }

    @Test
    void rejectsWeeksAndMonthsThatDoNotExist() {
        assertThatThrownBy(() -> ReportPeriod.isoWeek("2026-W60", ZoneOffset.UTC))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2026 has weeks 1 to 53");
        assertThatThrownBy(() -> ReportPeriod.isoWeek("2025-W53", ZoneOffset.UTC))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("weeks 1 to 52");
        assertThatThrownBy(() -> ReportPeriod.isoWeek("2026-47", ZoneOffset.UTC))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2026-W47");
        assertThatThrownBy(() -> ReportPeriod.month("2026-13", ZoneOffset.UTC))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2026-10");
        assertThatThrownBy(() -> ReportPeriod.Kind.parse("yearly"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("weekly or monthly");
    }
}
