// Parcels and the ecological red line on a vector map: the project page's parcels card and the ecology review's
// overlap card (area and share per parcel, and whether the overlap needs a written opinion).
import { h } from '../dom.js';
import { get, seg } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { card, facts, hash, errorNotice } from './common.js';
import { vectorMap, legend } from './map.js';

async function redLineFeatures() {
  // ask for the line only once one was imported: a 404 would be a console error on every project page
  if (!(await get('api/red-line/versions')).length) return [];
  try {
    return (await get('api/red-line')).geojson.features;
  } catch (e) {
    if (e.status === 404) return [];
    throw e;
  }
}

function percent(share) {
  return `${formatNumber(Number(share) * 100, 2)}%`;
}

/** The review's overlap: the map (parcels over the red line) and a table of each parcel's overlap. */
export async function overlapCard(projectId) {
  try {
    const [result, map, line] = await Promise.all([
      get(`api/projects/${seg(projectId)}/red-line-overlap`),
      get(`api/projects/${seg(projectId)}/red-line-overlap/map`),
      redLineFeatures()]);
    const notice = result.status !== 'COMPUTED'
      ? h('div', { class: 'notice notice--warn', 'data-overlap-status': result.status }, t(`overlap.status.${result.status}`))
      : result.opinionRequired
        ? h('div', { class: 'notice notice--bad', role: 'alert', 'data-overlap-status': 'OPINION_REQUIRED' },
          t('overlap.opinionRequired', { area: formatNumber(Number(result.overlapSquareMeters), 2),
            threshold: formatNumber(Number(result.thresholdSquareMeters), 2) }))
        : h('div', { class: 'notice', 'data-overlap-status': 'CLEAR' }, t('overlap.clear'));
    const rows = result.parcels.map((p) => h('tr', { 'data-parcel': p.parcel },
      h('td', {}, p.parcel),
      h('td', { class: 'num' }, formatNumber(Number(p.parcelAreaSquareMeters), 2)),
      h('td', { class: 'num', 'data-overlap-area': p.overlapSquareMeters }, formatNumber(Number(p.overlapSquareMeters), 2)),
      h('td', { class: 'num', 'data-overlap-share': p.share }, percent(p.share)),
      h('td', {}, p.touches ? t('overlap.touches') : '')));
    return card(t('overlap.title'),
      notice,
      vectorMap({ title: t('overlap.mapTitle'), layers: [
        { name: 'redline', className: 'redline', features: line, label: (f) => `${t('map.redLine')} ${f.properties.name}` },
        { name: 'parcels', className: 'parcels', features: map.features,
          label: (f) => `${f.properties.name}: ${percent(f.properties.share ?? 0)}` }] }),
      legend([['parcels', t('map.parcels')], ['redline', t('map.redLine')]]),
      result.parcels.length ? h('table', { class: 'table', id: 'overlap-table' },
        h('thead', {}, h('tr', {}, [t('overlap.parcel'), t('overlap.area'), t('overlap.overlap'), t('overlap.share'), ''].map((x) => h('th', {}, x)))),
        h('tbody', {}, rows)) : null,
      facts([
        [t('overlap.geometry'), hash(result.geometrySha256)],
        [t('overlap.redLineVersion'), result.redLineVersion == null ? '—' : String(result.redLineVersion)],
        [t('overlap.redLineDigest'), hash(result.redLineSha256)],
        [t('overlap.plane'), result.areaPlane || '—'],
      ]),
      h('p', { class: 'small muted' }, t('overlap.anchoredWithDecision')));
  } catch (e) {
    return card(t('overlap.title'), errorNotice(e));
  }
}

/** The project's parcels: map, areas against the declared area, and the digest in the anchored facts. */
export async function parcelsCard(projectId) {
  let view;
  const none = () => card(t('parcels.title'), h('p', { class: 'muted', 'data-parcels': 'none' }, t('parcels.none')));
  try {
    // the latest version of the facts says whether there are parcels; asking for none would log a 404
    const versions = await get(`api/projects/${seg(projectId)}/versions`);
    if (!versions.length || !versions[versions.length - 1].geometrySha256) return none();
  } catch (e) {
    return card(t('parcels.title'), errorNotice(e));
  }
  try {
    view = await get(`api/projects/${seg(projectId)}/parcels`);
  } catch (e) {
    if (e.status === 404) return card(t('parcels.title'), h('p', { class: 'muted', 'data-parcels': 'none' }, t('parcels.none')));
    return card(t('parcels.title'), errorNotice(e));
  }
  let line = [];
  try { line = await redLineFeatures(); } catch { line = []; }
  return card(t('parcels.title'),
    view.areaMismatch ? h('div', { class: 'notice notice--warn', 'data-area-mismatch': 'true' },
      t('parcels.mismatch', { share: percent(view.differenceShare), tolerance: percent(view.tolerance) })) : null,
    vectorMap({ title: t('parcels.title'), layers: [
      { name: 'redline', className: 'redline', features: line },
      { name: 'parcels', className: 'parcels', features: view.geojson.features }] }),
    legend([['parcels', t('map.parcels')], ['redline', t('map.redLine')]]),
    facts([
      [t('parcels.total'), `${formatNumber(Number(view.totalSquareMeters), 2)} m²`],
      [t('parcels.declared'), `${formatNumber(Number(view.declaredSquareMeters), 2)} m²`],
      [t('parcels.count'), String(view.parcels.length)],
      [t('parcels.crs'), view.crs],
      [t('parcels.digest'), hash(view.geometrySha256)],
      [t('parcels.anchored'), view.anchoredOnLedger == null ? '—'
        : h('span', { class: `badge badge--${view.anchoredOnLedger ? 'ok' : 'warn'}` },
          t(view.anchoredOnLedger ? 'parcels.anchoredYes' : 'parcels.anchoredPending'))],
    ]));
}
