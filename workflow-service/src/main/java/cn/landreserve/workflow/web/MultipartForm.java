package cn.landreserve.workflow.web;

import static cn.landreserve.workflow.kernel.Refusal.INVALID;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * A {@code multipart/form-data} request read as it arrives: the small form fields first, then one file part handed
 * over as a stream, so that a file of several GB goes to the object store while it is being received, with no copy
 * in memory or in a temporary file. The one class that uses commons-fileupload.
 *
 * <p>The file must be the last part. Its stream reports the end of the file only once the body has been checked to
 * end right after it; a body cut off before the file's closing boundary, or with another part after it, makes the
 * stream fail instead, so the store never keeps a file from a request that turns out to be broken. (A body that
 * stops right after that boundary, without the final "--", is taken as complete: the file's bytes are.)
 */
public final class MultipartForm {

    private static final int MAX_FIELD_BYTES = 4096;
    private static final int MAX_PART_HEADER_BYTES = 4096;

    private MultipartForm() {}

    /** The fields sent before the file, and the file itself, unread. */
    public record FilePart(Map<String, String> fields, String fileName, FileContent content) {

        /** A form field, or the query parameter of the same name; null when neither was sent. */
        public String field(String name) {
            return fields.get(name);
        }
    }

    /**
     * Reads the fields named in {@code fieldNames} (from the form, or from the query string) up to the part named
     * {@code fileField}, and returns that part as a stream. Unknown or repeated fields, fields after the file, a
     * missing file and a malformed body are refused before any byte of the file is read.
     */
    public static FilePart fieldsThenFile(HttpServletRequest request, String fileField, Set<String> fieldNames)
            throws DomainException {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        upload.setMaxPartHeaderSize(MAX_PART_HEADER_BYTES);
        Map<String, String> fields = new HashMap<>();
        for (String name : fieldNames) {
            String fromQuery = request.getParameter(name);
            if (fromQuery != null) {
                fields.put(name, fromQuery);
            }
        }
        try {
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                String name = part.getFieldName();
                if (fileField.equals(name)) { // without a file name it is still the file part: the caller names the fault
                    return new FilePart(Map.copyOf(fields), fileName(part), new FileContent(part.getInputStream(), parts));
                }
                if (name == null || !fieldNames.contains(name)) {
                    throw new DomainException(INVALID, "UNKNOWN_FIELD", "this form has no field '" + name
                            + "'; its fields are " + fieldNames + " and the file part '" + fileField + "'",
                            Map.of("allowed", List.copyOf(fieldNames)));
                }
                if (fields.containsKey(name)) {
                    throw new DomainException(INVALID, "REPEATED_FIELD", "the field '" + name + "' was sent twice",
                            Map.of("field", name));
                }
                fields.put(name, smallText(part, name));
            }
        } catch (IOException e) {
            throw malformed(e);
        }
        throw new DomainException(INVALID, "MISSING_FILE", "the form has no file part named '" + fileField
                + "' (send the fields first and the file last)", Map.of("part", fileField));
    }

    /** A small file read whole into memory (a photo), with the name the client gave. */
    public record SmallFile(String fileName, byte[] content) {}

    /** The fields sent before the files, and the files. */
    public record SmallFiles(Map<String, String> fields, List<SmallFile> files) {

        public String field(String name) {
            return fields.get(name);
        }
    }

    /**
     * Reads the fields named in {@code fieldNames} first (or from the query string), then up to {@code maxFiles} parts
     * named {@code fileField}, each read whole and at most {@code maxBytes} long: for small files such as photos
     * taken on a phone. Unknown or repeated fields, a field after a file, too many or too large files and a
     * malformed body are refused.
     */
    public static SmallFiles fieldsThenSmallFiles(HttpServletRequest request, String fileField,
            Set<String> fieldNames, int maxFiles, int maxBytes) throws DomainException {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        upload.setMaxPartHeaderSize(MAX_PART_HEADER_BYTES);
        Map<String, String> fields = new HashMap<>();
        for (String name : fieldNames) {
            String fromQuery = request.getParameter(name);
            if (fromQuery != null) {
                fields.put(name, fromQuery);
            }
        }
        List<SmallFile> files = new java.util.ArrayList<>();
        try {
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                String name = part.getFieldName();
                if (fileField.equals(name)) {
                    if (files.size() == maxFiles) {
                        throw new DomainException(INVALID, "TOO_MANY_FILES", "at most " + maxFiles
                                + " files named '" + fileField + "'", Map.of("limit", maxFiles));
                    }
                    String fileName = fileName(part);
                    try (InputStream in = part.getInputStream()) {
                        byte[] content = in.readNBytes(maxBytes + 1);
                        if (content.length > maxBytes) {
                            throw new DomainException(Refusal.TOO_LARGE, "FILE_TOO_LARGE", "file "
                                    + (files.size() + 1) + " is larger than " + maxBytes + " bytes",
                                    Map.of("limit", maxBytes));
                        }
                        files.add(new SmallFile(fileName, content));
                    }
                    continue;
                }
                if (name == null || !fieldNames.contains(name)) {
                    throw new DomainException(INVALID, "UNKNOWN_FIELD", "this form has no field '" + name
                            + "'; its fields are " + fieldNames + " and the file parts '" + fileField + "'",
                            Map.of("allowed", List.copyOf(fieldNames)));
                }
                if (!files.isEmpty()) {
                    throw new DomainException(INVALID, "FIELD_AFTER_FILE", "the field '" + name
                            + "' comes after a file; send the fields first", Map.of("field", name));
                }
                if (fields.containsKey(name)) {
                    throw new DomainException(INVALID, "REPEATED_FIELD", "the field '" + name + "' was sent twice",
                            Map.of("field", name));
                }
                fields.put(name, smallText(part, name));
            }
        } catch (IOException e) {
            throw malformed(e);
        }
        return new SmallFiles(Map.copyOf(fields), List.copyOf(files));
    }

    /**
     * After a refusal, reads and drops what is left of the body (up to {@code atMost} bytes), so that the client,
     * which is still sending, gets the answer instead of a reset connection. Failures are of no interest here: the
     * request is refused already.
     */
    public static void discardRest(HttpServletRequest request, long atMost) {
        try (InputStream in = request.getInputStream()) {
            byte[] sink = new byte[64 * 1024];
            for (long left = atMost; left > 0; ) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) {
                    break;
                }
                left -= n;
            }
        } catch (IOException | IllegalStateException ignored) {
            // the body was cut off or is already closed
        }
    }

    private static String fileName(FileItemInput part) throws DomainException {
        try {
            return part.getName();
        } catch (InvalidPathException e) {
            throw new DomainException(INVALID, "INVALID_FILE_NAME", "the file name contains a NUL character");
        }
    }

    private static String smallText(FileItemInput part, String name) throws IOException, DomainException {
        try (InputStream in = part.getInputStream()) {
            byte[] value = in.readNBytes(MAX_FIELD_BYTES + 1);
            if (value.length > MAX_FIELD_BYTES) {
                throw new DomainException(INVALID, "FIELD_TOO_LONG",
                        "the field '" + name + "' is longer than " + MAX_FIELD_BYTES + " bytes", Map.of("field", name));
            }
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private static DomainException malformed(IOException e) {
        // the parser's own words when it has some, never a Java type name
        String reason = e.getMessage() == null || e.getMessage().contains("Exception") ? null : e.getMessage();
        return new DomainException(INVALID, "MALFORMED_MULTIPART", "the multipart body could not be read"
                + (reason == null ? "" : ": " + (reason.length() > 200 ? reason.substring(0, 200) : reason)));
    }

    /** The file part's bytes; its end is reported only when the body is known to end right after it. */
    public static final class FileContent extends FilterInputStream {

        private final FileItemInputIterator parts;
        private long bytesRead;
        private boolean ended;

        FileContent(InputStream in, FileItemInputIterator parts) {
            super(in);
            this.parts = parts;
        }

        /** How many bytes of the file were read so far (all of them, once the end was reported). */
        public long bytesRead() {
            return bytesRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                return end();
            }
            bytesRead++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                return end();
            }
            bytesRead += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("the file part is read, not skipped");
        }

        private int end() throws IOException {
            if (!ended) {
                if (parts.hasNext()) {
                    throw new IOException("the request has another part after the file; the file must be the last part");
                }
                ended = true;
            }
            return -1;
        }
    }
}
