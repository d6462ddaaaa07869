/**
 * What the service's hash-chained logs share (the access log, the administrators' log): how an entry's hash links
 * to the previous one, and how a log's head is anchored on the ledger.
 */
package cn.landreserve.workflow.chain;
