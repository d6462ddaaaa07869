package cn.landreserve.workflow.lifecycle;

/** A name in Chinese (first) and English. */
public record LocalizedName(String zh, String en) {}
