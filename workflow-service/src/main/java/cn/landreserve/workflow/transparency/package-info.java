/**
 * Public transparency without login: published projects, their PUBLIC evidence, verification by digest,
 * certificates with QR codes; rate-limited. Never a file, a person's name or an INTERNAL/SENSITIVE item.
 */
package cn.landreserve.workflow.transparency;
