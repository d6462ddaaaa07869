/**
 * Supervision of stored land (管护巡查): inspections by inspectors while a project is in the reserve, each with its
 * finding and photos (EXIF time and position checked against the parcels and the inspection time), anchored as
 * documents; a finding other than normal opens a rectification for the agency with a deadline (a small BPMN process
 * of its own); a missed inspection cycle is escalated.
 */
package cn.landreserve.workflow.supervision;
