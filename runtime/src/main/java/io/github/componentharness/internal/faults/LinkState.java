package io.github.componentharness.internal.faults;

import io.github.componentharness.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults in force on one link: whether it is cut, and what each direction does to data.
 *
 * @param partitioned open connections are reset, new ones as soon as they are accepted
 * @param up data from the connecting instance to its peer
 * @param down data from the peer back
 */
public record LinkState(boolean partitioned, Leg up, Leg down) {

    /** A link without faults. */
    public static final LinkState CLEAR = new LinkState(false, Leg.CLEAR, Leg.CLEAR);

    /**
     * What one direction does to data.
     *
     * @param latency added to each chunk
     * @param jitter the most a chunk's delay differs from {@code latency}, either way
     * @param blackholed nothing is delivered
     * @param bytesPerSecond the rate cap, 0 for none
     */
    public record Leg(Duration latency, Duration jitter, boolean blackholed, long bytesPerSecond) {

        static final Leg CLEAR = new Leg(Duration.ZERO, Duration.ZERO, false, 0);

        public boolean delayed() {
            return !latency.isZero() || !jitter.isZero();
        }

        /** One chunk's delay: {@code latency} ± a uniform draw from {@code jitter}, never negative. */
        public long delayNanos() {
            long jitterNanos = jitter.toNanos();
            long drawn = jitterNanos == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitterNanos, jitterNanos + 1);
            return Math.max(0, latency.toNanos() + drawn);
        }

        Leg with(Fault f) {
            return switch (f.kind()) {
                case DELAY -> new Leg(f.latency(), f.jitter(), blackholed, bytesPerSecond);
                case BLACKHOLE -> new Leg(latency, jitter, true, bytesPerSecond);
                case BANDWIDTH -> new Leg(latency, jitter, blackholed, f.bytesPerSecond());
                default -> this;
            };
        }
    }

    public boolean clear() {
        return equals(CLEAR);
    }

    /** This state with {@code fault} (not a heal) added. */
    LinkState with(Fault fault) {
        if (fault.kind() == Fault.Kind.PARTITION) {
            return new LinkState(true, up, down);
        }
        return new LinkState(partitioned, fault.direction().upstream() ? up.with(fault) : up,
                fault.direction().downstream() ? down.with(fault) : down);
    }

    /** The faults that make up this state on {@code link}, one per kind and direction (both, when the legs agree). */
    List<Fault> asFaults(Link link) {
        List<Fault> faults = new ArrayList<>();
        String from = link.from();
        String to = link.target();
        if (partitioned) {
            faults.add(Fault.partition(from, to));
        }
        add(faults, up.delayed(), down.delayed(), up.latency().equals(down.latency()) && up.jitter().equals(down.jitter()),
                d -> Fault.delay(from, to, (d == Fault.Direction.DOWNSTREAM ? down : up).latency(),
                        (d == Fault.Direction.DOWNSTREAM ? down : up).jitter(), d));
        add(faults, up.blackholed(), down.blackholed(), true, d -> Fault.blackhole(from, to, d));
        add(faults, up.bytesPerSecond() > 0, down.bytesPerSecond() > 0, up.bytesPerSecond() == down.bytesPerSecond(),
                d -> Fault.bandwidth(from, to, (d == Fault.Direction.DOWNSTREAM ? down : up).bytesPerSecond(), d));
        return faults;
    }

    private static void add(List<Fault> faults, boolean up, boolean down, boolean same,
            java.util.function.Function<Fault.Direction, Fault> fault) {
        if (up && down && same) {
            faults.add(fault.apply(Fault.Direction.BOTH));
            return;
        }
        if (up) {
            faults.add(fault.apply(Fault.Direction.UPSTREAM));
        }
        if (down) {
            faults.add(fault.apply(Fault.Direction.DOWNSTREAM));
        }
    }
}
