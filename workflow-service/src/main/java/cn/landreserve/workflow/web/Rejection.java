package cn.landreserve.workflow.web;

/** Why a request was refused, as far as HTTP is concerned. */
public enum Rejection {
    INVALID(400),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    UNPROCESSABLE(422),
    UNAVAILABLE(503);

    private final int status;

    Rejection(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
