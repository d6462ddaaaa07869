// Auditing one project: every piece of evidence re-checked against storage and the ledger; receipts to take away.
import { h, replace } from '../dom.js';
import { get, seg } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { pageHead, card, hash } from '../ui/common.js';
import { auditBadge } from '../ui/badges.js';

const ORDER = ['OK', 'NOT_ANCHORED', 'OBJECT_CHANGED', 'RECORD_CHANGED', 'MISSING', 'LEDGER_MISMATCH'];

export async function render(main, params) {
  const id = seg(params.id);
  const project = await get(`api/projects/${id}`);
  const rerun = h('button', { type: 'button', class: 'btn btn--ghost', id: 'audit-rerun' }, t('audit.rerun'));
  main.append(pageHead(t('audit.projectTitle', { name: project.name }), project.code,
    h('a', { class: 'btn', href: `api/audit/projects/${id}/receipts`, download: `${project.code}-receipts.zip`, id: 'receipts-zip' }, t('audit.receiptsZip')),
    h('a', { class: 'btn btn--ghost', href: `api/audit/projects/${id}/report`, target: '_blank', rel: 'noopener' }, t('audit.report')),
    ...(project.status === 'ARCHIVED' ? [
      h('a', { class: 'btn', href: `api/audit/projects/${id}/archive-package`, download: `${project.code}-archive-package.zip`, id: 'archive-package' }, t('audit.archivePackage')),
      h('a', { class: 'btn btn--ghost', href: `api/audit/projects/${id}/archive-package/report/page`, target: '_blank', rel: 'noopener', id: 'four-properties' }, t('audit.fourProperties')),
      h('a', { class: 'btn btn--ghost', href: 'api/audit/tsa-certificate', download: 'tsa-certificate.pem' }, t('audit.tsaCertificate'))] : []),
    rerun));
  const box = h('div', { 'aria-live': 'polite', id: 'audit-result' });
  main.append(box);

  const run = async () => {
    rerun.disabled = true;
    replace(box, h('p', { class: 'muted' }, t('audit.running')));
    const audit = await get(`api/audit/projects/${id}`);
    const counts = ORDER.filter((s) => audit.summary[s]).map((s) => h('span', {}, auditBadge(s), ' ', String(audit.summary[s])));
    const allOk = audit.items.every((i) => i.status === 'OK');
    replace(box,
      h('div', { class: `notice ${allOk ? 'notice--ok' : 'notice--bad'}`, id: 'audit-verdict', 'data-all-ok': String(allOk) },
        h('h2', {}, allOk ? t('audit.allOk', { n: audit.items.length }) : t('audit.problems')),
        h('p', {}, t('audit.checkedAt', { at: formatDate(audit.checkedAt) })),
        h('p', { class: 'row' }, counts)),
      card(t('audit.items'), h('div', { class: 'table-wrap' }, h('table', { id: 'audit-items' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('evidence.id')), h('th', { scope: 'col' }, t('audit.kind')),
          h('th', { scope: 'col' }, t('audit.status')), h('th', { scope: 'col' }, t('audit.detail')), h('th', { scope: 'col' }, t('evidence.receipt')))),
        h('tbody', {}, audit.items.map((item) => h('tr', { 'data-status': item.status },
          h('td', {}, hash(item.evidenceId)),
          h('td', {}, t(`evidence.kind.${item.kind}`)),
          h('td', {}, auditBadge(item.status)),
          h('td', { class: 'small' }, item.detail || '—'),
          h('td', {}, item.status === 'NOT_ANCHORED' || item.kind === 'PROJECT_FACTS' ? '—' : h('a', { href: `api/evidence/${encodeURIComponent(item.evidenceId)}/receipt`,
            download: `${item.evidenceId}.receipt.json` }, t('audit.download'))))))))));
    rerun.disabled = false;
  };
  rerun.addEventListener('click', () => run().catch(() => { rerun.disabled = false; }));
  await run();
}
