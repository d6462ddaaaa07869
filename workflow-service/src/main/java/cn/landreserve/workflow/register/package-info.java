/**
 * The reserve land register (储备土地台账): one row per project with its facts, stage dates and evidence status,
 * filtered by district, stage and period, as JSON, CSV and XLSX. {@link cn.landreserve.workflow.register.ReserveQueries}
 * is the one query layer over the service's tables that the register and the cockpit both read.
 */
package cn.landreserve.workflow.register;
