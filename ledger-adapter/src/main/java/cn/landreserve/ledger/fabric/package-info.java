/**
 * The Fabric engine: {@link cn.landreserve.ledger.fabric.FabricLedger} runs the port against a
 * Fabric channel through a peer's Gateway service (fabric-gateway). Only
 * {@code FabricGatewayClient} touches the SDK and the gRPC channel; it owns the retry policy (the
 * same signed transaction resubmitted on UNAVAILABLE / DEADLINE_EXCEEDED, re-execution after an
 * MVCC or phantom read conflict, business rejections never retried). Receipts are built from the
 * committed block fetched through qscc with the same builder as the embedded engine's.
 */
package cn.landreserve.ledger.fabric;
