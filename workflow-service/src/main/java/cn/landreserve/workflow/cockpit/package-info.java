/**
 * The leadership cockpit (驾驶舱): where the reserve stands, by district and stage, how projects move and how long
 * stages take against their targets, what is overdue (reviews, rectifications, inspections), red-line overlaps, the
 * anchoring backlog (the database's pending work) and the evidence status the ledger gives. Figures come from
 * {@link cn.landreserve.workflow.register.ReserveQueries}; each carries the register filter of the projects behind it.
 */
package cn.landreserve.workflow.cockpit;
