/**
 * The reserve land register (储备土地台账): one row per project with its facts, acquisition type, stage dates and
 * evidence status, filtered by district, stage, period, supervision, red line and evidence status, as JSON, CSV and
 * XLSX. {@link cn.landreserve.workflow.register.ReserveQueries} is the one query layer over the service's tables that
 * the register and the cockpit both read; the evidence status is the ledger's
 * ({@link cn.landreserve.workflow.register.LedgerEvidence}), with the database's claim beside it.
 */
package cn.landreserve.workflow.register;
