/**
 * Document store: keeps the bytes of land-reserve evidence documents in an S3-compatible bucket and
 * answers for their integrity.
 *
 * <p>This package owns: streaming ingest with SHA-256 and SM3 computed in the same single pass as the
 * upload ({@link cn.landreserve.documents.DocumentStore#put}), media-type detection from content against
 * an allow-list, generated object keys, safe handling of original file names, streaming and ranged reads,
 * re-verification of stored bytes against expected digests, bucket set-up (versioning and object lock
 * where the server supports them) and the embedded S3 server used in the default single-machine mode
 * ({@link cn.landreserve.documents.EmbeddedS3Server}).
 *
 * <p>It does not own where digests are recorded (the ledger and the workflow do that), who may read a
 * document, or document versions in the business sense. Exactly one class, {@code S3ObjectStore}, talks to
 * the S3 client library; nothing else here imports it and none of its types leave the package.
 */
package cn.landreserve.documents;
