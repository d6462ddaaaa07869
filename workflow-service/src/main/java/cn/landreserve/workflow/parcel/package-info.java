/**
 * Parcels and the ecological protection red line: GeoJSON boundaries in CGCS2000 (EPSG:4490, or a 3-degree
 * Gauss-Krüger zone), validated with JTS, their areas computed in a Gauss-Krüger plane (proj4j), their canonical
 * digest anchored in the project's facts; red-line imports as anchored versions; the overlap of each parcel with the
 * red line at the ecology review.
 */
package cn.landreserve.workflow.parcel;
