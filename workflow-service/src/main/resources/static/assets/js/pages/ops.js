// The operator's page: ledger and storage health, the anchoring backlog, failed jobs (incidents) to retry, and
// access-log incidents (a broken hash chain, with where the break is anchored on the ledger).
import { h, replace, live } from '../dom.js';
import { get, post, seg } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { pageHead, card, facts, errorNotice, errorText, hash } from '../ui/common.js';

const REFRESH_MS = 15000;

function healthBadge(health) {
  const up = health?.up ?? health?.reachable;
  const status = health?.status === 'DEGRADED' ? 'DEGRADED' : up === true ? 'UP' : up === false ? 'DOWN' : 'UNKNOWN';
  const tone = { UP: 'ok', DEGRADED: 'warn', DOWN: 'bad', UNKNOWN: 'plain' }[status];
  return h('p', {}, h('span', { class: `badge badge--${tone}`, 'data-health': status }, t(`ops.health.${status}`)));
}

/** A health record's fields, with our labels where we know the field. */
function details(health) {
  return facts(Object.entries(health || {}).filter(([k]) => k !== 'up' && k !== 'reachable').map(([k, v]) => {
    const key = `ops.field.${k}`;
    const label = t(key) === key ? k : t(key);
    let value = v == null || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (k === 'versioning' || k === 'objectLock') value = t(`ops.feature.${v}`) === `ops.feature.${v}` ? value : t(`ops.feature.${v}`);
    return [label, k === 'lastHeaderHash' ? hash(value) : value];
  }), 'kv');
}

/** The operator imports the ecological red line (GeoJSON): each import a version, anchored before it counts. */
function redLineCard() {
  const file = h('input', { type: 'file', id: 'red-line-file', accept: '.geojson,.json,application/geo+json' });
  const result = live({ id: 'red-line-result' });
  const current = h('p', { class: 'muted', id: 'red-line-current' });
  const showCurrent = async () => {
    try {
      if (!(await get('api/red-line/versions')).length) {
        replace(current, t('redLine.none'));
        return;
      }
      const line = await get('api/red-line');
      replace(current, t('redLine.current', { version: line.version.version, at: formatDate(line.version.importedAt) }));
    } catch (e) {
      replace(current, e.status === 404 ? t('redLine.none') : errorText(e));
    }
  };
  const form = h('form', { class: 'stack' }, current, h('label', { for: 'red-line-file' }, t('redLine.file')), file,
    h('button', { type: 'submit', class: 'btn', id: 'red-line-import' }, t('redLine.import')), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(result);
    try {
      let geojson = null;
      try { geojson = JSON.parse(await file.files[0].text()); } catch { geojson = null; }
      const version = await post('api/red-line', { geojson });
      replace(result, h('p', { class: 'notice', 'data-red-line-version': version.version },
        t('redLine.imported', { version: version.version })));
      await showCurrent();
    } catch (e) {
      replace(result, errorNotice(e));
    }
  });
  showCurrent();
  return card(t('redLine.title'), form);
}

export async function render(main) {
  const refresh = h('button', { type: 'button', class: 'btn btn--ghost', id: 'ops-refresh' }, t('ops.refresh'));
  main.append(pageHead(t('ops.title'), t('ops.subtitle'), refresh));
  const body = h('div', { id: 'ops-status' });
  const stamp = h('p', { class: 'muted small', role: 'status' });
  main.append(stamp, body);

  let timer = null;
  let stopped = false;
  const load = async () => {
    clearTimeout(timer);
    try {
      const s = await get('api/ops/status');
      const b = s.anchoringBacklog || {};
      replace(body,
        h('div', { class: 'grid' },
          card(t('ops.ledger'), healthBadge(s.ledger), details(s.ledger)),
          card(t('ops.objectStore'), healthBadge(s.objectStore), details(s.objectStore))),
        card(t('ops.backlog'), h('div', { class: 'tiles' },
          ['pendingDocuments', 'pendingDecisions', 'pendingJobs'].map((k) => h('div', { class: 'tile', 'data-backlog': k },
            h('div', { class: 'n' }, String(b[k] ?? '—')), h('div', { class: 'label' }, t(`ops.${k}`)))))),
        card(t('ops.incidents'), incidents(s.incidents || [], load)),
        card(t('ops.accessLog'), accessLog(s.accessLog || {})));
      replace(stamp, t('ops.updated', { at: formatDate(new Date().toISOString()) }));
    } catch (e) {
      replace(body, errorNotice(e));
    }
    if (!stopped) timer = setTimeout(load, REFRESH_MS);
  };
  refresh.addEventListener('click', load);
  main.append(redLineCard());
  await load();
  return () => { stopped = true; clearTimeout(timer); };
}

function incidents(list, reload) {
  if (!list.length) return h('p', { class: 'notice notice--ok', id: 'no-incidents' }, t('ops.noIncidents'));
  const status = live();
  return h('div', {}, status, h('div', { class: 'table-wrap' }, h('table', { id: 'incidents' },
    h('thead', {}, h('tr', {}, ['ops.created', 'ops.activity', 'ops.type', 'ops.message', 'ops.process', 'ops.action']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, list.map((i) => {
      const retry = h('button', { type: 'button', class: 'btn btn--small' }, t('ops.retry'));
      retry.addEventListener('click', async () => {
        retry.disabled = true;
        try {
          const r = await post(`api/ops/incidents/${seg(i.processInstanceId)}/retry`);
          replace(status, h('p', { class: 'notice notice--ok' }, t('ops.retried', { n: r.retried })));
          await reload();
        } catch (e) {
          replace(status, h('p', { class: 'notice notice--bad' }, errorText(e)));
          retry.disabled = false;
        }
      });
      return h('tr', {}, h('td', {}, formatDate(i.created)), h('td', {}, i.activityId), h('td', {}, i.type),
        h('td', { class: 'small' }, i.message), h('td', {}, hash(i.processInstanceId)), h('td', {}, retry));
    })))));
}

/** Access-log incidents: where the chain broke, when it was found, and the ledger transaction that records it. */
function accessLog(a) {
  const list = a.incidents || [];
  if (!list.length) return h('p', { class: 'notice notice--ok', id: 'access-log-intact' }, t('ops.accessLogIntact'));
  return h('div', {}, h('p', { class: 'notice notice--bad', id: 'access-log-broken' }, t('ops.accessLogBroken')),
    h('div', { class: 'table-wrap' }, h('table', { id: 'access-log-incidents' },
      h('thead', {}, h('tr', {}, ['ops.accessLogFirstBroken', 'ops.created', 'ops.accessLogAnchored']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, list.map((i) => h('tr', { 'data-first-broken': String(i.firstBrokenEntry) },
        h('td', {}, String(i.firstBrokenEntry)), h('td', {}, formatDate(i.detectedAt)),
        h('td', {}, i.txId ? hash(i.txId) : t('ops.accessLogNotAnchored'))))))));
}
