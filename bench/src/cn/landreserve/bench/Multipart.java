package cn.landreserve.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Hand-written multipart/form-data framing (RFC 7578): text fields, then one file part, then the closing line. */
final class Multipart {

    private Multipart() {}

    static byte[] fields(String boundary, Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((name, value) -> s.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] fileHead(String boundary, String fileName) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] tail(String boundary) {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
