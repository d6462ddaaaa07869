package cn.landreserve.ledger.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The entries of a package: a ZIP file (what auditors hold), or a directory (what the service checks before it
 * writes the manifest). Entry names use {@code /}.
 */
public interface PackageContents extends Closeable {

    /** Every entry's name, in the order stored. */
    List<String> names();

    /** The entry's bytes as a stream; the caller closes it. */
    InputStream open(String name) throws IOException;

    /** A file holding the entry's bytes (for readers that need random access); valid until {@link #close()}. */
    Path file(String name) throws IOException;

    /** The entry's bytes. */
    default byte[] read(String name) throws IOException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        }
    }

    /** Opens a ZIP package. Entries are extracted to a temporary directory only when {@link #file} asks. */
    static PackageContents zip(Path zip) throws IOException {
        return new Zip(zip);
    }

    /** A directory of entries. */
    static PackageContents directory(Path root) {
        return new Directory(root);
    }

    /** A ZIP package. */
    final class Zip implements PackageContents {
        private final ZipFile zip;
        private final List<String> names;
        private final List<String> duplicates;
        private Path extracted;

        Zip(Path path) throws IOException {
            this.zip = new ZipFile(path.toFile());
            List<String> all = new ArrayList<>();
            for (ZipDirectory.Entry e : ZipDirectory.read(path)) {
                all.add(e.name());
            }
            Set<String> seen = new HashSet<>();
            this.duplicates = all.stream().filter(n -> !seen.add(n)).distinct().toList();
            this.names = all.stream().distinct().toList();
        }

        /** Names stored more than once (the ZIP format allows it; a package must not). */
        public List<String> duplicates() {
            return duplicates;
        }

        @Override
        public List<String> names() {
            return names;
        }

        @Override
        public InputStream open(String name) throws IOException {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null || entry.isDirectory()) {
                throw new java.io.FileNotFoundException(name);
            }
            return zip.getInputStream(entry);
        }

        @Override
        public Path file(String name) throws IOException {
            if (extracted == null) {
                extracted = Files.createTempDirectory("archive-package");
            }
            Path target = extracted.resolve(Integer.toHexString(name.hashCode()) + "-" + names.indexOf(name));
            if (!Files.exists(target)) {
                try (InputStream in = open(name)) {
                    Files.copy(in, target);
                }
            }
            return target;
        }

        @Override
        public void close() throws IOException {
            zip.close();
            if (extracted != null) {
                try (Stream<Path> files = Files.walk(extracted)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** A directory. */
    final class Directory implements PackageContents {
        private final Path root;

        Directory(Path root) {
            this.root = root;
        }

        @Override
        public List<String> names() {
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .sorted().toList();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public InputStream open(String name) throws IOException {
            return Files.newInputStream(file(name));
        }

        @Override
        public Path file(String name) throws IOException {
            Path p = root.resolve(name).normalize();
            if (!p.startsWith(root) || !Files.isRegularFile(p)) {
                throw new java.io.FileNotFoundException(name);
            }
            return p;
        }

        @Override
        public void close() {
            // the directory belongs to the caller
        }
    }
}
