package io.github.componentharness.internal.state;

/**
 * The state of a component that has no object of its own (a main class): the static fields of
 * {@code type} and its superclasses, read by the same keys and dotted paths as an object's fields.
 */
public record StaticFields(Class<?> type) {
}
