package cn.landreserve.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** CPU seconds (user + system) used so far by a process and its live descendants (e.g. PostgreSQL), from /proc. */
final class ProcTree {

    private ProcTree() {}

    static double cpuSeconds(long pid) {
        double[] sum = {own(pid)};
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> sum[0] += own(d.pid())));
        return sum[0];
    }

    private static double own(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime), counted after the ")": index 11 and 12; clock ticks of 1/100 s
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return 0;
        }
    }
}
