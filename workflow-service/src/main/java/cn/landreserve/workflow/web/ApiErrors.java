package cn.landreserve.workflow.web;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every refusal as one JSON shape: {@code {"status", "code", "message", "details"}}; never a stack trace. */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Map<String, Object>> refused(DomainException e) {
        return body(status(e.refusal()), e.code(), e.getMessage(), e.details());
    }

    /** The one place a domain refusal becomes an HTTP status. */
    static int status(Refusal refusal) {
        return switch (refusal) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case UNPROCESSABLE -> 422;
            case UNAVAILABLE -> 503;
        };
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class, ConstraintViolationException.class,
            org.springframework.web.bind.ServletRequestBindingException.class,
            org.springframework.web.method.annotation.HandlerMethodValidationException.class})
    ResponseEntity<Map<String, Object>> malformed(Exception e) {
        return body(400, "MALFORMED_REQUEST", safeMessage(e), Map.of());
    }

    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(Exception e) {
        return body(406, "NOT_ACCEPTABLE", ErrorCodes.message(406), Map.of());
    }

    @ExceptionHandler(JsonBodies.BodyRefusedException.class)
    ResponseEntity<Map<String, Object>> bodyRefused(JsonBodies.BodyRefusedException e) {
        return body(400, e.code(), e.getMessage(), e.details());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, Object>> invalid(MethodArgumentNotValidException e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        e.getBindingResult().getFieldErrors().forEach(f -> fields.put(f.getField(), f.getDefaultMessage()));
        return body(400, "INVALID_FIELDS", "some fields are invalid", Map.of("fields", fields));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(415, "UNSUPPORTED_CONTENT_TYPE", "this content type is not accepted here", Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return body(405, "METHOD_NOT_ALLOWED", e.getMethod() + " is not allowed here", Map.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return body(403, "ACCESS_DENIED", "you may not do this", Map.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e) {
        return body(404, "NOT_FOUND", "no such resource", Map.of());
    }

    /** The database is down or restarting: the client may retry; nothing was changed (the transaction rolled back). */
    @ExceptionHandler({org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.transaction.CannotCreateTransactionException.class,
            org.springframework.transaction.TransactionSystemException.class,
            org.springframework.dao.TransientDataAccessException.class})
    ResponseEntity<Map<String, Object>> databaseUnavailable(Exception e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return body(503, "DATABASE_UNAVAILABLE", "the database cannot be reached just now; nothing was changed, try again",
                Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        if (databaseConnectionLost(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return body(500, "INTERNAL_ERROR", "the service failed; the operators have the details in the log", Map.of());
    }

    /** A connection-class SQL state (08…) or an administrator shutdown (57P…) anywhere in the causes. */
    static boolean databaseConnectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    static ResponseEntity<Map<String, Object>> body(int status, String code, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("code", code);
        body.put("message", message);
        body.put("details", details);
        // JSON whatever the client said it accepts: an error is never left unanswered for want of a converter
        return ResponseEntity.status(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** Says what was wrong in the request's terms, never with the framework's text (Java types, internals). */
    private static String safeMessage(Exception e) {
        if (e instanceof MethodArgumentTypeMismatchException m) {
            return "the parameter '" + m.getName() + "' has the wrong form";
        }
        if (e instanceof MissingServletRequestParameterException m) {
            return "the parameter '" + m.getParameterName() + "' is required";
        }
        if (e instanceof HttpMessageNotReadableException) {
            return "the request body is not the JSON this request takes";
        }
        return "the request's parameters are not valid";
    }
}
