package cn.landreserve.workflow.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class in a separate JVM on the test class path, so that a test can kill -9 it. */
public final class ChildJvm {

    private ChildJvm() {}

    public static Process start(Class<?> mainClass, Path log, List<String> jvmArgs, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** SIGKILL: no shutdown hook runs, exactly what an operator's kill -9 or a power loss of the JVM leaves. */
    public static void killHard(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
