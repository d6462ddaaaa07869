package cn.landreserve.documents;

/** Object-lock retention mode applied as the bucket's default retention (S3 semantics). */
public enum RetentionMode {
    /** Nobody, not even the root account, can delete or overwrite a locked version before it expires. */
    COMPLIANCE,
    /** Users with the bypass-governance permission can still delete locked versions. */
    GOVERNANCE
}
