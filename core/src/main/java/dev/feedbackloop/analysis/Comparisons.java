package dev.feedbackloop.analysis;

import dev.feedbackloop.analysis.stats.FalseDiscovery;
import dev.feedbackloop.analysis.stats.MantelHaenszel;
import dev.feedbackloop.analysis.stats.Proportions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the comparisons of one analysis (a group against the rest of the window) and turns them
 * into {@link Finding}s. A comparison given with its counts per stratum (task type) is made within
 * strata and pooled: Mantel-Haenszel risk difference with Sato's interval and the
 * Cochran-Mantel-Haenszel p-value; the plain comparison (difference with Newcombe's interval, pooled
 * z or Fisher p-value) is kept beside it as {@link Finding#raw()}. Significance uses the adjusted
 * p-values, Benjamini-Hochberg controlled over all comparisons collected here; the raw p-values are
 * controlled the same way among themselves, only to say when the two disagree.
 *
 * <p>Where Cochran's Q says the difference depends on the stratum (BH over the Q tests of all
 * stratified comparisons, q at most {@link #FDR}), the comparison is also made per stratum with
 * enough entries on both sides (those tests BH controlled as one further family). Unless every
 * stratum then shows a significant difference in the pooled one's direction (it only varies in
 * size), the finding is marked {@link Finding#interaction()} and the per-stratum findings are
 * reported beside it (kind and name as the pooled one, {@link Finding#taskType()} set).
 *
 * <p>A comparison where either side has fewer than {@code minSupport} entries (counting, when
 * stratified, only strata where both sides occur) is still reported and counted in the correction,
 * but never called significant. Not thread-safe.
 */
public final class Comparisons {
    /** False discovery rate at which a finding is called significant. */
    public static final double FDR = 0.05;

    private record Candidate(String kind, String name, Tally with, Tally without, Strata.ByStratum withBy,
            Strata.ByStratum allBy, Layout layout) {
    }

    /**
     * Stratum names by id, and the ids in name order: sums run in that order, so the same counts
     * give the same figures to the last bit.
     */
    private record Layout(List<String> names, int[] byName) {
        static Layout of(List<String> names) {
            List<String> copy = List.copyOf(names);
            return new Layout(copy, java.util.stream.IntStream.range(0, copy.size()).boxed()
                    .sorted(Comparator.comparing(copy::get)).mapToInt(Integer::intValue).toArray());
        }
    }

    private final List<Candidate> candidates = new ArrayList<>();
    private final Layout strata;
    private final String adjustedFor;

    /** Comparisons that are never stratified. */
    public Comparisons() {
        this(List.of(), List.of());
    }

    /**
     * @param strata     stratum names by id, as the per-stratum tallies given to
     *                   {@link #groupVersusRest(String, String, Tally, Tally, Strata.ByStratum, Strata.ByStratum)}
     * @param adjustFor  fields besides the task type that make up a stratum (for the notes' wording)
     */
    Comparisons(List<String> strata, List<String> adjustFor) {
        this.strata = Layout.of(strata);
        this.adjustedFor = adjustFor.isEmpty() ? "task types" : "task types and " + String.join(", ", adjustFor);
    }

    /** Adds "entries in {@code group}" against "entries of {@code all} not in it". Skipped when either side is empty. */
    public void groupVersusRest(String kind, String name, Tally group, Tally all) {
        versus(kind, name, group, all.minus(group));
    }

    /** As {@link #groupVersusRest(String, String, Tally, Tally)}, compared within strata. */
    void groupVersusRest(String kind, String name, Tally group, Tally all, Strata.ByStratum groupBy,
            Strata.ByStratum allBy) {
        Tally without = all.minus(group);
        if (group.count() > 0 && without.count() > 0) {
            candidates.add(new Candidate(kind, name, group, without, groupBy, allBy, strata));
        }
    }

    /** Adds {@code with} against {@code without} (disjoint sets). Skipped when either side is empty. */
    public void versus(String kind, String name, Tally with, Tally without) {
        if (with.count() > 0 && without.count() > 0) {
            candidates.add(new Candidate(kind, name, with, without, null, null, null));
        }
    }

    /**
     * As {@link #versus}, compared within strata given by name (a row's stratum as read with its
     * text); comparisons of groups and of these need not share strata.
     */
    void versusWithin(String kind, String name, Map<String, Tally> with, Map<String, Tally> without) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(with.keySet());
        names.addAll(without.keySet());
        Layout layout = Layout.of(List.copyOf(names));
        Strata.ByStratum withBy = new Strata.ByStratum();
        Strata.ByStratum allBy = new Strata.ByStratum();
        Tally withAll = new Tally();
        Tally withoutAll = new Tally();
        for (int s = 0; s < layout.names().size(); s++) {
            Tally w = with.get(layout.names().get(s));
            Tally o = without.get(layout.names().get(s));
            if (w != null) {
                withBy.at(s).add(w);
                allBy.at(s).add(w);
                withAll.add(w);
            }
            if (o != null) {
                allBy.at(s).add(o);
                withoutAll.add(o);
            }
        }
        if (withAll.count() > 0 && withoutAll.count() > 0) {
            candidates.add(new Candidate(kind, name, withAll, withoutAll, withBy, allBy, layout));
        }
    }

    /** Findings, significant first, then by q-value and size of the effect. */
    public List<Finding> findings(int minSupport) {
        int n = candidates.size();
        double[] rawP = new double[n];
        double[] p = new double[n];
        MantelHaenszel.Result[] mh = new MantelHaenszel.Result[n];
        boolean[] supported = new boolean[n];
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            rawP[i] = Proportions.pValue(c.with.positive(), c.with.count(), c.without.positive(), c.without.count());
            p[i] = rawP[i];
            supported[i] = c.with.count() >= minSupport && c.without.count() >= minSupport;
            if (c.withBy != null) {
                Counts k = counts(c);
                mh[i] = MantelHaenszel.test(k.x1, k.n1, k.x0, k.n0);
                p[i] = mh[i].pValue();
                supported[i] = k.informativeWith >= minSupport && k.informativeRest >= minSupport;
            }
        }
        double[] q = FalseDiscovery.benjaminiHochberg(p);
        double[] rawQ = FalseDiscovery.benjaminiHochberg(rawP);
        boolean[] heterogeneous = interactions(mh, supported);
        List<Candidate> varying = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (heterogeneous[i]) {
                varying.add(candidates.get(i));
            }
        }
        Map<Candidate, List<Finding>> byStratum = perStratum(varying, minSupport);
        List<Finding> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            double rawEffect = c.with.successRate() - c.without.successRate();
            Interval rawCi = Proportions.difference(c.with.positive(), c.with.count(), c.without.positive(),
                    c.without.count());
            boolean significant = supported[i] && q[i] <= FDR;
            if (mh[i] == null) {
                out.add(new Finding(c.kind, c.name, rawEffect, rawCi, p[i], q[i], significant, c.with.count(),
                        c.with.successRate(), c.without.successRate(), c.without.count()));
                continue;
            }
            Finding.Raw raw = new Finding.Raw(rawEffect, rawCi, rawP[i], rawQ[i],
                    c.with.count() >= minSupport && c.without.count() >= minSupport && rawQ[i] <= FDR);
            double het = mh[i].heterogeneityP();
            List<Finding> types = byStratum.getOrDefault(c, List.of());
            boolean interaction = heterogeneous[i] && !sameDirection(mh[i].difference(), significant, types);
            out.add(new Finding(c.kind, c.name, mh[i].difference(), mh[i].ci(), p[i], q[i], significant,
                    c.with.count(), c.with.successRate(), c.without.successRate(), c.without.count(), null, raw,
                    Double.isNaN(het) ? null : het, interaction,
                    note(mh[i].difference(), significant, raw, interaction)));
            if (interaction) {
                out.addAll(types);
            }
        }
        out.sort(Comparator.comparing((Finding f) -> !f.significant())
                .thenComparingDouble(Finding::qValue)
                .thenComparing(f -> -Math.abs(f.effect()))
                .thenComparing(Finding::kind).thenComparing(Finding::name)
                .thenComparing(f -> f.taskType() == null ? "" : f.taskType()));
        return out;
    }

    /** Q tests, BH controlled over the stratified comparisons that have one; only supported comparisons count. */
    private static boolean[] interactions(MantelHaenszel.Result[] mh, boolean[] supported) {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < mh.length; i++) {
            if (mh[i] != null && !Double.isNaN(mh[i].heterogeneityP())) {
                tested.add(i);
            }
        }
        double[] hp = new double[tested.size()];
        for (int j = 0; j < hp.length; j++) {
            hp[j] = mh[tested.get(j)].heterogeneityP();
        }
        double[] hq = FalseDiscovery.benjaminiHochberg(hp);
        boolean[] out = new boolean[mh.length];
        for (int j = 0; j < hp.length; j++) {
            out[tested.get(j)] = supported[tested.get(j)] && hq[j] <= FDR;
        }
        return out;
    }

    /**
     * Whether a difference that varies in size by stratum still points the same way everywhere: the
     * pooled one is significant and so is each stratum's, with the same sign. Then the pooled finding
     * says it well; otherwise (opposite directions, or a difference in some strata only) it would
     * mislead, and the strata speak for themselves.
     */
    private static boolean sameDirection(double pooled, boolean significant, List<Finding> strata) {
        if (!significant || strata.isEmpty()) {
            return false;
        }
        for (Finding f : strata) {
            if (!f.significant() || (f.effect() > 0) != (pooled > 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The comparisons whose difference depends on the stratum, one finding per stratum with enough
     * entries on both sides; BH controlled over all of them.
     */
    private Map<Candidate, List<Finding>> perStratum(List<Candidate> split, int minSupport) {
        record Cell(Candidate c, String stratum, Tally with, Tally without) {
        }
        List<Cell> cells = new ArrayList<>();
        for (Candidate c : split) {
            for (int s : c.layout.byName()) {
                Tally with = c.withBy.get(s);
                Tally all = c.allBy.get(s);
                if (with == null || all == null) {
                    continue;
                }
                Tally without = all.minus(with);
                if (with.count() >= minSupport && without.count() >= minSupport) {
                    cells.add(new Cell(c, c.layout.names().get(s), with, without));
                }
            }
        }
        double[] p = new double[cells.size()];
        for (int i = 0; i < p.length; i++) {
            Cell cell = cells.get(i);
            p[i] = Proportions.pValue(cell.with.positive(), cell.with.count(), cell.without.positive(),
                    cell.without.count());
        }
        double[] q = FalseDiscovery.benjaminiHochberg(p);
        Map<Candidate, List<Finding>> out = new IdentityHashMap<>();
        for (int i = 0; i < p.length; i++) {
            Cell cell = cells.get(i);
            out.computeIfAbsent(cell.c, k -> new ArrayList<>()).add(new Finding(cell.c.kind, cell.c.name, cell.with.successRate() - cell.without.successRate(),
                    Proportions.difference(cell.with.positive(), cell.with.count(), cell.without.positive(),
                            cell.without.count()),
                    p[i], q[i], q[i] <= FDR, cell.with.count(), cell.with.successRate(), cell.without.successRate(),
                    cell.without.count(), cell.stratum, null, null, false, null));
        }
        return out;
    }

    /** Why the adjusted and raw comparisons tell different stories, in words; null when they agree. */
    private String note(double adjusted, boolean significant, Finding.Raw raw, boolean interaction) {
        if (interaction) {
            return "the difference depends on the task type: read the findings per task type";
        }
        boolean rawBetter = raw.effect() > 0;
        if (raw.significant() && !significant) {
            return rawBetter
                    ? "looks better only because it is used for easier tasks: within " + adjustedFor
                            + " it does no better than the rest"
                    : "looks worse only because it is used for harder tasks: within " + adjustedFor
                            + " it does no worse than the rest";
        }
        if (raw.significant() && significant && rawBetter != adjusted > 0) {
            return rawBetter
                    ? "looks better only because it is used for easier tasks: within " + adjustedFor + " it does worse"
                    : "looks worse only because it is used for harder tasks: within " + adjustedFor + " it does better";
        }
        if (!raw.significant() && significant) {
            return "within " + adjustedFor + " it does " + (adjusted > 0 ? "better" : "worse")
                    + " than the rest, which its mix of tasks hides in the raw comparison";
        }
        return null;
    }

    private record Counts(long[] x1, long[] n1, long[] x0, long[] n0, long informativeWith, long informativeRest) {
    }

    private Counts counts(Candidate c) {
        int k = c.layout.names().size();
        long[] x1 = new long[k];
        long[] n1 = new long[k];
        long[] x0 = new long[k];
        long[] n0 = new long[k];
        long with = 0;
        long rest = 0;
        for (int i = 0; i < k; i++) {
            int s = c.layout.byName()[i];
            Tally w = c.withBy.get(s);
            Tally a = c.allBy.get(s);
            if (a == null) {
                continue;
            }
            Tally r = w == null ? a : a.minus(w);
            x1[i] = w == null ? 0 : w.positive();
            n1[i] = w == null ? 0 : w.count();
            x0[i] = r.positive();
            n0[i] = r.count();
            if (n1[i] > 0 && n0[i] > 0) {
                with += n1[i];
                rest += n0[i];
            }
        }
        return new Counts(x1, n1, x0, n0, with, rest);
    }
}
