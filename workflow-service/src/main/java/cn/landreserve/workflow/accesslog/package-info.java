/**
 * The access log: every verification, download and public query, hash-chained in the database and its head
 * anchored on the ledger periodically, so that an entry cannot be removed or edited unseen.
 */
package cn.landreserve.workflow.accesslog;
