package cn.landreserve.workflow.web;

/**
 * The code and message of an error known only by its HTTP status, refused by the container before the application
 * (as {@link ApiErrorController} answers those forwarded to {@code /error}).
 */
final class ErrorCodes {

    private ErrorCodes() {}

    static String code(int status) {
        return switch (status) {
            case 400 -> "MALFORMED_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "ACCESS_DENIED";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 408 -> "REQUEST_TIMEOUT";
            case 413 -> "REQUEST_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 415 -> "UNSUPPORTED_CONTENT_TYPE";
            case 431 -> "HEADERS_TOO_LARGE";
            case 503 -> "UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "REQUEST_REFUSED";
        };
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "the request's path, headers or body are not allowed";
            case 401 -> "sign in first";
            case 403 -> "you may not do this";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 406 -> "this resource is available as JSON (or its own media type) only";
            case 413 -> "the request is too large";
            case 414 -> "the address is too long";
            case 431 -> "the request's headers are too large";
            case 503 -> "the service is unavailable just now; try again";
            default -> status >= 500 ? "the service failed; the operators have the details in the log"
                    : "the request was refused";
        };
    }
}
