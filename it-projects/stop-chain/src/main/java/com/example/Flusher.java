package com.example;

/** Runs only once a stop began: its coverage is recorded only if the JVM then exits normally, not killed. */
public final class Flusher {

    private Flusher() {
    }

    static void flush(String name) {
        System.out.println(name + " flushed");
    }
}
