package io.github.componentharness.internal.fork;

import io.github.componentharness.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Each instance's status over the harness's life, drawn as {@code timeline.svg}: one row per
 * instance, a bar per status (starting, running, stopping), failures in red, each restart where a
 * new start follows a stop. Thread mode reports every transition as it happens; process mode is
 * sampled every 100 ms by a thread of the harness's own, each instance's status its JVM's.
 */
final class Timeline {

    /** One status an instance entered, in milliseconds since the harness began. */
    record Event(String instance, Status status, long millis) {
    }

    /** A network fault set or healed on the links of an instance, drawn as a mark on its row. */
    record FaultMark(String instance, String label, String description, long millis) {
    }

    private static final long POLL_MILLIS = 100;
    private static final String FAULT_COLOUR = "#7b1fa2";

    private final List<Event> events = new ArrayList<>();
    private final Map<String, Status> last = new LinkedHashMap<>();
    private final List<FaultMark> faults = new ArrayList<>();
    private final long begin;
    private volatile Thread recorder;

    Timeline(long beginNanos) {
        this.begin = beginNanos;
    }

    /**
     * Records until {@link #stop}: every transition as it happens where {@code host} reports them
     * (thread mode), else its statuses sampled every 100 ms (process mode, where each is its JVM's).
     */
    void record(Host host) {
        if (host.onTransition(this::entered)) {
            return;
        }
        sampleEvery100ms(host::statusAtHand);
    }

    private void entered(String instance, Status status) {
        entered(instance, status, (System.nanoTime() - begin) / 1_000_000);
    }

    private synchronized void entered(String instance, Status status, long millis) {
        if (last.put(instance, status) != status) {
            events.add(new Event(instance, status, millis));
        }
    }

    /** Records until {@link #stop}, from {@code statuses} sampled every 100 ms. */
    private void sampleEvery100ms(Supplier<Map<String, Status>> statuses) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    sample(statuses);
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException unknownYet) {
                    // Instances still being prepared: the next sample sees them.
                }
            }
        }, "harness-timeline");
        t.setDaemon(true);
        recorder = t;
        t.start();
    }

    /** Takes the last statuses (as the stop left them) and stops recording. */
    void stop(Supplier<Map<String, Status>> statuses) {
        Thread t = recorder;
        if (t != null) {
            t.interrupt();
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            sample(statuses);
        } catch (RuntimeException gone) {
            // What was recorded is drawn.
        }
    }

    private synchronized void sample(Supplier<Map<String, Status>> statuses) {
        long now = (System.nanoTime() - begin) / 1_000_000;
        statuses.get().forEach((instance, status) -> entered(instance, status, now));
    }

    /** Marks {@code fault} (its kind as the label) on the rows of the instances whose links it changed. */
    synchronized void fault(io.github.componentharness.Fault fault, java.util.Collection<String> instances) {
        long now = (System.nanoTime() - begin) / 1_000_000;
        new java.util.LinkedHashSet<>(instances).forEach(i -> faults.add(new FaultMark(i, fault.kind().wireName(),
                fault.toString(), now)));
    }

    synchronized List<FaultMark> faultMarks() {
        return List.copyOf(faults);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The picture, with the time axis scaled to the harness's life. */
    synchronized String svg(String title) {
        long end = Math.max(1, (System.nanoTime() - begin) / 1_000_000);
        List<String> rows = new ArrayList<>(last.keySet());
        int left = 150;
        int width = 900;
        int rowHeight = 22;
        int top = 40;
        int height = top + rows.size() * rowHeight + 56;
        double scale = (double) (width - left - 20) / end;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\">%s</text>%n", escape(title)));
        for (int i = 0; i < rows.size(); i++) {
            String instance = rows.get(i);
            int y = top + i * rowHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + 15, escape(instance)));
            List<Event> own = events.stream().filter(e -> e.instance().equals(instance)).toList();
            Status previous = null;
            for (int j = 0; j < own.size(); j++) {
                Event e = own.get(j);
                long until = j + 1 < own.size() ? own.get(j + 1).millis() : end;
                String colour = colour(e.status());
                if (colour != null) {
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\">"
                            + "<title>%s %s at %d ms</title></rect>%n", left + e.millis() * scale, y + 3,
                            Math.max(1.5, (until - e.millis()) * scale), colour, escape(instance), e.status(), e.millis()));
                }
                // Sampled every 100 ms in process mode, a restart may show no stop in between.
                if (e.status() == Status.STARTING && previous != null && previous != Status.NEW) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">restart</text>%n",
                            left + e.millis() * scale, y + 2));
                }
                previous = e.status();
            }
            double labelledUpTo = Double.NEGATIVE_INFINITY;
            for (FaultMark f : faults) {
                if (f.instance().equals(instance)) {
                    double x = left + f.millis() * scale;
                    // Marks close together keep their line and tooltip; only the first gets a label.
                    String label = x < labelledUpTo ? "" : String.format(Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" fill=\"%s\">%s</text>", x + 2, y + 18, FAULT_COLOUR,
                            escape(f.label()));
                    if (!label.isEmpty()) {
                        labelledUpTo = x + 6 * f.label().length() + 4;
                    }
                    svg.append(String.format(Locale.ROOT, "<g class=\"fault\"><title>%s at %d ms</title>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%s</g>%n",
                            escape(f.description()), f.millis(), x, y, x, y + 21, FAULT_COLOUR, label));
                }
            }
        }
        int axis = top + rows.size() * rowHeight + 10;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, axis,
                width - 20, axis));
        for (int tick = 0; tick <= 4; tick++) {
            long millis = end * tick / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%d ms</text>%n", left + millis * scale - 10,
                    axis + 16, millis));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-size=\"10\">starting: yellow, running: green, "
                + "stopping: grey, failed: red%s</text>%n", axis + 36, faults.isEmpty() ? "" : "; network faults: purple marks"));
        return svg.append("</svg>\n").toString();
    }

    private static String colour(Status status) {
        switch (status) {
            case STARTING:
                return "#e8c547";
            case RUNNING:
                return "#4caf50";
            case STOPPING:
                return "#9e9e9e";
            case FAILED:
                return "#e53935";
            default:
                return null;
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
