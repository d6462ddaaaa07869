/**
 * User administration under separated duties (三员分立): the system administrator's accounts and departments, the
 * security administrator's role assignments and security policy, the audit administrator's reading of the
 * administrators' log and the access log; everyone's own password; the first administrators of a fresh
 * installation; the administrators' log, hash-chained and its head anchored on the ledger, kept for the retention
 * period and exportable.
 */
package cn.landreserve.workflow.admin;
