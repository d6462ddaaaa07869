package cn.landreserve.chaincode;

/**
 * Per-project state: how many records are anchored and the seal's id once sealed.
 *
 * @param count records anchored so far (the last sequence number)
 * @param sealId the seal's evidence id, or {@code null} while open
 */
record ProjectState(long count, String sealId) {
    static final ProjectState EMPTY = new ProjectState(0, null);

    boolean sealed() {
        return sealId != null;
    }

    static ProjectState parse(byte[] value) {
        if (value == null || value.length == 0) {
            return EMPTY;
        }
        return CanonicalJson.read(CanonicalJson.tree(value), ProjectState.class);
    }
}
