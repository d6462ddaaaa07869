// A vector map drawn as SVG from GeoJSON layers in longitude/latitude (CGCS2000): no tiles, no external assets.
// Layers are drawn in order; each feature becomes a <path> (polygons) or <circle> (points) with a <title>.
import { t } from '../i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null) node.setAttribute(k, String(v));
  return node;
}

function* positions(geometry) {
  if (!geometry) return;
  const c = geometry.coordinates;
  if (geometry.type === 'Point') yield c;
  else if (geometry.type === 'Polygon') for (const ring of c) yield* ring;
  else if (geometry.type === 'MultiPolygon') for (const poly of c) for (const ring of poly) yield* ring;
}

function polygons(geometry) {
  if (geometry?.type === 'Polygon') return [geometry.coordinates];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/**
 * vectorMap({layers: [{name, features, className, label(feature)}], height}) → an <svg role="img">.
 * The view fits every feature; x is scaled by cos(latitude) so that shapes keep their proportions.
 */
export function vectorMap({ layers, width = 640, height = 420, title }) {
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  for (const layer of layers) for (const f of layer.features || []) for (const [x, y] of positions(f.geometry)) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const svg = el('svg', { class: 'vmap', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title || t('map.title') });
  svg.append(el('rect', { x: 0, y: 0, width, height, class: 'vmap-bg' }));
  if (!Number.isFinite(minX)) {
    const empty = el('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'vmap-empty' });
    empty.textContent = t('map.empty');
    svg.append(empty);
    return svg;
  }
  const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const spanX = Math.max((maxX - minX) * k, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const pad = 24;
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  const px = ([x, y]) => [offX + (x - minX) * k * scale, height - offY - (y - minY) * scale];
  for (const layer of layers) {
    const group = el('g', { class: `vmap-layer ${layer.className || ''}`, 'data-layer': layer.name });
    for (const f of layer.features || []) {
      let shape;
      if (f.geometry?.type === 'Point') {
        const [cx, cy] = px(f.geometry.coordinates);
        shape = el('circle', { cx: cx.toFixed(1), cy: cy.toFixed(1), r: 6, class: 'vmap-point' });
      } else {
        const d = polygons(f.geometry).map((rings) => rings.map((ring) => ring.map((p, i) => {
          const [x, y] = px(p);
          return `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
        }).join(' ') + ' Z').join(' ')).join(' ');
        shape = el('path', { d, 'fill-rule': 'evenodd', class: 'vmap-shape' });
      }
      const label = layer.label ? layer.label(f) : f.properties?.name;
      if (label) {
        const tip = el('title');
        tip.textContent = label;
        shape.append(tip);
      }
      if (f.properties?.beyondThreshold) shape.setAttribute('data-beyond', 'true');
      group.append(shape);
    }
    svg.append(group);
  }
  // a scale bar: 100 m, 1 km or 10 km, whichever fits
  const metresPerUnit = 111320 * k;
  const metres = [10, 50, 100, 500, 1000, 5000, 10000, 50000].find((m) => (m / metresPerUnit) * scale > 60) || 100000;
  const len = (metres / metresPerUnit) * scale;
  svg.append(el('line', { x1: 12, y1: height - 12, x2: 12 + len, y2: height - 12, class: 'vmap-scale' }));
  const txt = el('text', { x: 12, y: height - 18, class: 'vmap-scale-text' });
  txt.textContent = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  svg.append(txt);
  return svg;
}

/** A legend for the layers of a map. */
export function legend(items) {
  const list = document.createElement('ul');
  list.className = 'vmap-legend';
  for (const [className, text] of items) {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${className}`;
    li.append(swatch, document.createTextNode(` ${text}`));
    list.append(li);
  }
  return list;
}
