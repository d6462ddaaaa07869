// The reserve land register (储备土地台账): the projects a filter selects, with totals, a page at a time, and the
// same selection as CSV or XLSX. Cockpit figures open this page with their own filter.
import { h } from '../dom.js';
import { get } from '../api.js';
import { t, formatDate, formatNumber } from '../i18n.js';
import { allStages, stageName } from '../lifecycle.js';
import { go } from '../router.js';
import { hasRole } from '../session.js';
import { pageHead, empty, errorNotice } from '../ui/common.js';
import { projectStatusBadge } from '../ui/badges.js';

const FILTERS = ['district', 'stage', 'status', 'phase', 'from', 'to', 'entered', 'left', 'overdue', 'rectification', 'pending',
  'redLine', 'inspection', 'inspectionRectification', 'evidence'];
const PAGE = 50;

/** The filter of the address, as the API takes it (unknown keys dropped). */
function filterOf(query) {
  const f = new URLSearchParams();
  for (const key of FILTERS) if (query.get(key)) f.set(key, query.get(key));
  return f;
}

/** The filter in words: "城东区 · 储备中 · 2026-03-01 – 2026-03-31 进入 部门审查". */
function describe(f) {
  const parts = [];
  if (f.get('district')) parts.push(f.get('district'));
  if (f.get('phase')) parts.push(t(`register.phase.${f.get('phase')}`));
  if (f.get('stage')) parts.push(stageName(f.get('stage')));
  if (f.get('status')) parts.push(t(`project.status.${f.get('status')}`));
  const period = f.get('from') || f.get('to') ? `${f.get('from') || '…'} – ${f.get('to') || '…'}` : null;
  if (f.get('entered')) parts.push(t('register.enteredIn', { stage: stageName(f.get('entered')), period: period || '' }));
  else if (f.get('left')) parts.push(t('register.leftIn', { stage: stageName(f.get('left')), period: period || '' }));
  else if (period) parts.push(t('register.recordedIn', { period }));
  if (f.get('rectification') === 'true') parts.push(t('register.rectification'));
  if (f.get('overdue') === 'true') parts.push(t('register.overdue'));
  if (f.get('pending') === 'true') parts.push(t('register.pending'));
  for (const key of ['redLine', 'inspection', 'inspectionRectification', 'evidence']) {
    if (f.get(key)) parts.push(t(`register.${key}.${f.get(key)}`));
  }
  return parts.length ? parts.join(' · ') : t('register.all');
}

function filterForm(f) {
  const district = h('input', { id: 'register-district', name: 'district', value: f.get('district') || '', maxlength: 100 });
  const stage = h('select', { id: 'register-stage', name: 'stage' }, h('option', { value: '' }, t('tasks.allStages')),
    allStages().map((s) => h('option', { value: s.code, selected: s.code === f.get('stage') ? '' : null }, stageName(s.code))));
  const from = h('input', { id: 'register-from', name: 'from', type: 'date', value: f.get('from') || '' });
  const to = h('input', { id: 'register-to', name: 'to', type: 'date', value: f.get('to') || '' });
  const apply = (e) => {
    e.preventDefault();
    const next = new URLSearchParams(f);
    for (const [key, el] of [['district', district], ['stage', stage], ['from', from], ['to', to]]) {
      if (el.value.trim()) next.set(key, el.value.trim()); else next.delete(key);
    }
    go(`/register?${next}`);
  };
  return h('form', { class: 'filters no-print', id: 'register-filters', onsubmit: apply },
    h('div', { class: 'field' }, h('label', { for: 'register-district' }, t('project.district')), district),
    h('div', { class: 'field' }, h('label', { for: 'register-stage' }, t('common.stage')), stage),
    h('div', { class: 'field' }, h('label', { for: 'register-from' }, t('register.from')), from),
    h('div', { class: 'field' }, h('label', { for: 'register-to' }, t('register.to')), to),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'btn' }, t('register.apply'))),
    h('div', { class: 'field' }, h('a', { class: 'btn btn--ghost', href: '#/register' }, t('register.clear'))));
}

const EVIDENCE_BADGE = { ANCHORED: 'badge--ok', PENDING: 'badge--info', MISMATCH: 'badge--bad', LEDGER_UNAVAILABLE: 'badge--warn' };

/** The evidence as the ledger holds it, and where the database's record disagrees. */
function evidenceCell(e) {
  const cell = h('td', { 'data-evidence': e.state },
    h('span', { class: `badge ${EVIDENCE_BADGE[e.state] || 'badge--plain'}` }, t(`register.evidenceState.${e.state}`)));
  if (e.state === 'LEDGER_UNAVAILABLE') return cell;
  cell.append(' ', h('span', { class: 'num', 'data-anchored': e.anchoredItems }, `${e.anchoredItems} / ${e.recordedItems}`));
  const notes = [];
  if (e.claimedNotOnLedger.length) notes.push(t('register.claimedNotOnLedger', { n: e.claimedNotOnLedger.length }));
  if (e.ledgerOnlyItems) notes.push(t('register.ledgerOnly', { n: e.ledgerOnlyItems }));
  if (!e.sealedAt !== !e.sealRecordedAt) notes.push(t(e.sealedAt ? 'register.sealNotRecorded' : 'register.sealNotOnLedger'));
  if (notes.length) cell.append(h('div', { class: 'muted', 'data-disagreement': '' }, notes.join('；')));
  return cell;
}

function row(r) {
  return h('tr', { 'data-project': r.projectId, 'data-code': r.code },
    h('th', { scope: 'row' }, hasRole('OPERATOR') ? r.code : h('a', { href: `#/projects/${r.projectId}` }, r.code)),
    h('td', {}, r.name),
    h('td', {}, r.district),
    h('td', { class: 'num' }, formatNumber(r.areaSquareMeters)),
    h('td', { 'data-acquisition': r.acquisitionType || '' }, r.acquisitionType ? t(`register.acquisition.${r.acquisitionType}`) : '—'),
    h('td', {}, stageName(r.stage), r.overdue ? h('span', { class: 'badge badge--bad', 'data-overdue': '' }, t('tasks.overdue')) : null),
    h('td', {}, projectStatusBadge(r.status)),
    h('td', {}, r.entryDate || '—'),
    evidenceCell(r.evidence),
    h('td', {}, r.evidence.sealedAt ? formatDate(r.evidence.sealedAt, false) : '—'));
}

export async function render(main, params, query) {
  const f = filterOf(query);
  const qs = f.toString();
  const csv = h('a', { class: 'btn btn--ghost', id: 'register-csv', href: `api/register?format=csv${qs ? `&${qs}` : ''}`, download: '' }, t('register.csv'));
  const xlsx = h('a', { class: 'btn', id: 'register-xlsx', href: `api/register?format=xlsx${qs ? `&${qs}` : ''}`, download: '' }, t('register.xlsx'));
  main.append(pageHead(t('register.title'), t('register.subtitle'), csv, xlsx), filterForm(f));

  let offset = 0;
  const first = await get(`api/register?${qs ? `${qs}&` : ''}limit=${PAGE}&offset=0`);
  main.append(h('p', { class: 'register-summary', id: 'register-summary', role: 'status', 'data-total': first.total },
    h('strong', {}, describe(f)), ' · ',
    t('register.totals', { n: formatNumber(first.total, 0), area: formatNumber(first.totalArea) })));
  if (!first.rows.length) {
    main.append(empty(t('register.none')));
    return;
  }
  const body = h('tbody', { id: 'register-rows' }, first.rows.map(row));
  offset = first.rows.length;
  const more = h('button', { type: 'button', class: 'btn btn--ghost', 'data-load-more': '', hidden: offset >= first.total ? '' : null }, t('common.loadMore'));
  const problem = h('div', {});
  more.addEventListener('click', async () => {
    more.disabled = true;
    problem.replaceChildren();
    try {
      const page = await get(`api/register?${qs ? `${qs}&` : ''}limit=${PAGE}&offset=${offset}`);
      body.append(...page.rows.map(row));
      offset += page.rows.length;
      more.hidden = offset >= page.total || !page.rows.length;
    } catch (e) {
      problem.append(errorNotice(e));
    } finally {
      more.disabled = false;
    }
  });
  main.append(h('div', { class: 'table-wrap' }, h('table', { class: 'register', id: 'register-table' },
    h('thead', {}, h('tr', {}, [t('project.code'), t('register.name'), t('project.district'), t('register.area'),
      t('register.acquisitionType'), t('common.stage'), t('register.status'), t('register.entryDate'), t('register.evidence'), t('register.sealed')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    body)), h('div', { class: 'pager no-print' }, more, problem));
}
