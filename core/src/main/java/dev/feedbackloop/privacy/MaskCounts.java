package dev.feedbackloop.privacy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** How many of each {@link MaskKind} were masked. Immutable. */
public final class MaskCounts {
    public static final MaskCounts NONE = new MaskCounts(new int[MaskKind.values().length]);

    private final int[] counts;

    private MaskCounts(int[] counts) {
        this.counts = counts;
    }

    /** Counts from an array indexed by {@link MaskKind#ordinal()}. */
    static MaskCounts of(int[] counts) {
        for (int c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count");
            }
        }
        return new MaskCounts(counts.clone());
    }

    /** E-mail addresses, phone numbers and secrets: the kinds the suggestion path reported first. */
    public static MaskCounts of(int emails, int phones, int secrets) {
        int[] c = new int[MaskKind.values().length];
        c[MaskKind.EMAIL.ordinal()] = emails;
        c[MaskKind.PHONE.ordinal()] = phones;
        c[MaskKind.SECRET.ordinal()] = secrets;
        return of(c);
    }

    public int get(MaskKind kind) {
        return counts[kind.ordinal()];
    }

    public int emails() {
        return get(MaskKind.EMAIL);
    }

    public int phones() {
        return get(MaskKind.PHONE);
    }

    public int secrets() {
        return get(MaskKind.SECRET);
    }

    public int total() {
        return Arrays.stream(counts).sum();
    }

    public MaskCounts plus(MaskCounts other) {
        int[] sum = counts.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.counts[i];
        }
        return new MaskCounts(sum);
    }

    /** The kinds that were masked at least once, by label ({@code {"email": 2}}), in kind order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (MaskKind k : MaskKind.values()) {
            if (counts[k.ordinal()] > 0) {
                m.put(k.label(), counts[k.ordinal()]);
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskCounts && Arrays.equals(counts, ((MaskCounts) o).counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "MaskCounts" + toMap();
    }
}
