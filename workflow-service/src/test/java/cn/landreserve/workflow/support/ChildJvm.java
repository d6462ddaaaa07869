package cn.landreserve.workflow.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the service in a separate JVM (a main class on the test class path, or a packaged jar), so that a test can kill -9 it. */
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

    /** {@code java -jar} on a packaged application, so that a test can kill -9 exactly what an operator runs. */
    public static Process startJar(Path jar, Path log, List<String> jvmArgs, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** SIGKILL: no shutdown hook runs, exactly what an operator's kill -9 or a power loss of the JVM leaves. */
    public static void killHard(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
