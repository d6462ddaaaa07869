/**
 * The leadership cockpit (驾驶舱): where the reserve stands, by district and stage, how projects move and how long
 * stages take against their targets, what is overdue, and the evidence backlog. Figures come from
 * {@link cn.landreserve.workflow.register.ReserveQueries}; each carries the register filter of the projects behind it.
 */
package cn.landreserve.workflow.cockpit;
