/**
 * The land reserve lifecycle as data ({@code lifecycle/catalogue.yml}): stages, document types, user tasks and
 * outcomes; the rules that read it (which documents a completion needs); and the BPMN model built from it.
 */
package cn.landreserve.workflow.lifecycle;
