package org.tca4j.convert;

/** Entry point of {@code tca4j convert} and {@code tca4j inspect}; filled in by the model-file issue. */
public final class ToolsMain {
    private ToolsMain() {}

    public static void main(String[] args) {
        System.err.println("tca4j: convert and inspect are not built yet");
        System.exit(1);
    }
}
