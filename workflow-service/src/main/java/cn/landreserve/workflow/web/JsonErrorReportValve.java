package cn.landreserve.workflow.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers (a request refused before it reaches the application: an encoded '/' or a NUL in the
 * path, a header too large…) in the API's error shape instead of Tomcat's HTML page, and without Tomcat's version
 * or an exception's text.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing more to say
        }
    }

    static String json(int status) {
        return "{\"status\":" + status + ",\"code\":\"" + ErrorCodes.code(status) + "\",\"message\":\""
                + ErrorCodes.message(status) + "\",\"details\":{}}";
    }
}
