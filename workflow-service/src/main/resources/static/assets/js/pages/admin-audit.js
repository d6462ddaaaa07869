// The audit administrator (审计管理员): the administrators' log and the access log, whether their chains hold; export.
import { h, replace } from '../dom.js';
import { get } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { pageHead, card, errorNotice, hash } from '../ui/common.js';

function chain(log) {
  return log.chainIntact
    ? h('p', { class: 'notice notice--ok', 'data-chain': 'intact' }, t('admin.audit.intact', { seq: String(log.head.seq) }))
    : h('p', { class: 'notice notice--bad', role: 'alert', 'data-chain': 'broken' }, t('admin.audit.broken', { seq: String(log.firstBrokenEntry) }));
}

function table(id, columns, rows) {
  return h('div', { class: 'table-wrap' }, h('table', { id },
    h('thead', {}, h('tr', {}, columns.map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, rows)));
}

export async function render(main) {
  main.append(pageHead(t('admin.audit.title'), t('admin.audit.subtitle')));
  const adminBody = h('div', { id: 'admin-log' });
  const accessBody = h('div', { id: 'access-log' });
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
  const from = h('input', { type: 'date', id: 'export-from', value: monthAgo });
  const to = h('input', { type: 'date', id: 'export-to', value: today });
  const link = h('a', { class: 'btn btn--ghost', id: 'export-link', download: '' }, t('admin.audit.export'));
  const accessLink = h('a', { class: 'btn btn--ghost', id: 'export-access-link', download: '' }, t('admin.audit.exportAccess'));
  const syncLink = () => {
    const period = `from=${encodeURIComponent(from.value)}&to=${encodeURIComponent(to.value)}`;
    link.href = `api/admin/audit/admin-log/export?${period}`;
    accessLink.href = `api/admin/audit/access-log/export?${period}`;
  };
  from.addEventListener('change', syncLink);
  to.addEventListener('change', syncLink);
  syncLink();
  main.append(card(t('admin.audit.adminLog'), h('div', { class: 'row' },
    h('label', { for: 'export-from' }, t('admin.audit.from')), from, h('label', { for: 'export-to' }, t('admin.audit.to')), to, link, accessLink),
    adminBody), card(t('admin.audit.accessLog'), accessBody));
  try {
    const [admin, access] = await Promise.all([get('api/admin/audit/admin-log?limit=200'), get('api/admin/audit/access-log?limit=200')]);
    replace(adminBody, chain(admin), h('p', { class: 'muted small' }, t('admin.audit.retention', { days: String(admin.retentionDays) })),
      table('admin-log-table', ['admin.audit.seq', 'admin.audit.at', 'admin.audit.actor', 'admin.role', 'admin.audit.client',
        'admin.audit.action', 'admin.audit.target', 'admin.audit.detail', 'admin.audit.outcome', 'admin.audit.hash'],
      admin.entries.map((e) => h('tr', { 'data-action': e.action, class: e.outcome === 'ALERT' ? 'alert' : null },
        h('td', {}, String(e.seq)), h('td', { class: 'small' }, formatDate(e.at)), h('td', {}, e.actor),
        h('td', {}, e.role === '-' ? '—' : t(`role.${e.role}`)), h('td', {}, e.client), h('td', {}, t(`admin.action.${e.action}`)),
        h('td', {}, e.target), h('td', { class: 'small' }, e.detail), h('td', {}, e.outcome), h('td', {}, hash(e.hash))))));
    replace(accessBody, chain(access), table('access-log-table', ['admin.audit.seq', 'admin.audit.at', 'admin.audit.actor',
      'admin.audit.client', 'admin.audit.action', 'admin.audit.target', 'admin.audit.status'],
    access.entries.map((e) => h('tr', {}, h('td', {}, String(e.seq)), h('td', { class: 'small' }, formatDate(e.at)),
      h('td', {}, e.actor), h('td', {}, e.client), h('td', {}, e.action), h('td', { class: 'small' }, e.target), h('td', {}, String(e.status))))));
  } catch (e) {
    replace(adminBody, errorNotice(e));
  }
}
