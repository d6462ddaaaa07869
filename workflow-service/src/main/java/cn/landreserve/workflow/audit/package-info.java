/**
 * Verification for auditors: a file they hold, a stored document, a whole project. Each item is checked against
 * the object store, the database and the ledger, and gets one status; nothing here trusts the database alone.
 */
package cn.landreserve.workflow.audit;
