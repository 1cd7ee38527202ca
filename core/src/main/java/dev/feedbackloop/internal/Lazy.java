package dev.feedbackloop.internal;

import java.util.Objects;
import java.util.function.Supplier;

/** A value made on first use, once, whichever thread asks first. Thread-safe. */
public final class Lazy<T> implements Supplier<T> {
    private Supplier<T> maker;
    private volatile T value;

    public Lazy(Supplier<T> maker) {
        this.maker = Objects.requireNonNull(maker, "maker");
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) {
                    value = Objects.requireNonNull(maker.get(), "made value");
                    maker = null;
                }
                v = value;
            }
        }
        return v;
    }
}
