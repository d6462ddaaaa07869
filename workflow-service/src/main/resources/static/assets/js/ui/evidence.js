// One piece of evidence as officers and auditors see it: what it is, who, when, and where it stands on the ledger.
import { h } from '../dom.js';
import { t, formatDate, formatSize } from '../i18n.js';
import { documentTypeName, taskName, outcomeName, stageName, allStages } from '../lifecycle.js';
import { facts, hash } from './common.js';
import { anchorBadge, classificationBadge } from './badges.js';

export function evidenceItem(item, { receipts = true } = {}) {
  if (item.kind === 'ESCALATION') return escalationItem(item);
  const isDocument = item.kind === 'DOCUMENT';
  const title = isDocument
    ? `${documentTypeName(item.documentType)} · v${item.version}`
    : item.kind === 'PROJECT'
      ? `v${item.version} · ${t(item.outcome === 'PUBLISHED' ? 'evidence.project.published' : 'evidence.project.notPublished')}`
      : item.kind === 'DECISION'
        ? `${taskName(item.elementId)} · ${outcomeName(item.stage, item.outcome)}`
        : item.evidenceId;
  const anchored = item.anchorState === 'ANCHORED';
  const links = [];
  if (isDocument && item.fileName) {
    links.push(h('a', { class: 'btn btn--ghost btn--small', href: `api/documents/${encodeURIComponent(item.evidenceId)}/content` }, t('evidence.download')));
  }
  if (receipts && anchored) {
    links.push(h('a', { class: 'btn btn--ghost btn--small', href: `api/evidence/${encodeURIComponent(item.evidenceId)}/receipt`,
      download: `${item.evidenceId}.receipt.json` }, t('evidence.receipt')));
  }
  return h('li', { class: anchored ? 'anchored' : 'pending', 'data-evidence': item.evidenceId, 'data-kind': item.kind },
    h('div', { class: 'item' },
      h('div', { class: 'spread' },
        h('h3', {}, h('span', { class: 'badge badge--plain' }, t(`evidence.kind.${item.kind}`)), ' ', title),
        h('span', {}, anchorBadge(item.anchorState),
          item.matchesLedger === false
            ? h('span', { class: 'badge badge--bad', 'data-ledger-mismatch': item.evidenceId }, t('evidence.ledgerMismatch'))
            : null)),
      h('div', { class: 'meta' },
        h('span', {}, formatDate(item.at)),
        item.actor ? h('span', {}, item.actor) : null,
        isDocument && item.fileName ? h('span', {}, `${item.fileName} · ${formatSize(item.size)}`) : null,
        isDocument && item.classification ? classificationBadge(item.classification) : null),
      item.opinion ? h('p', { class: 'small' }, t(item.kind === 'PROJECT' ? 'evidence.reason' : 'evidence.opinion'),
        t('common.colon'), item.opinion) : null,
      facts([
        [t('evidence.txId'), anchored ? hash(item.txId, { 'data-tx': item.txId }) : h('span', { class: 'muted' }, t('evidence.waiting'))],
        [t('evidence.block'), anchored ? String(item.blockNumber) : null],
        [t('evidence.anchoredAt'), anchored ? formatDate(item.anchoredAt) : null],
        ['SHA-256', isDocument ? hash(item.sha256) : null],
        ['SM3', isDocument ? hash(item.sm3) : null],
        [t('evidence.previous'), item.previousId ? hash(item.previousId) : null],
        [t('evidence.reliedOn'), item.reliedOn && item.reliedOn.length ? t('evidence.reliedOnCount', { n: item.reliedOn.length }) : null],
        [t('evidence.id'), hash(item.evidenceId)],
      ], 'kv'),
      links.length ? h('p', { class: 'row', style: 'margin:.5rem 0 0' }, links) : null));
}

/** An overdue review escalated to the approvers: shown in the timeline, not itself anchored evidence. */
function escalationItem(item) {
  return h('li', { class: 'escalation', 'data-evidence': item.evidenceId, 'data-kind': item.kind },
    h('div', { class: 'item item--overdue' },
      h('div', { class: 'spread' },
        h('h3', {}, h('span', { class: 'badge badge--warn' }, t('evidence.kind.ESCALATION')), ' ', taskName(item.elementId))),
      h('div', { class: 'meta' }, h('span', {}, formatDate(item.at)), h('span', {}, t('evidence.escalated')))));
}

/** Evidence grouped by stage, in the lifecycle's order. */
export function evidenceTimeline(items, options) {
  if (!items.length) return h('p', { class: 'muted' }, t('evidence.none'));
  const order = allStages().map((s) => s.code);
  const stages = [...new Set(items.map((i) => i.stage))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  // versions of the project's facts belong to no stage: they come first
  return h('div', { id: 'timeline' }, stages.map((code) => h('section', { class: 'stage-group', 'data-stage': code || 'FACTS' },
    h('h3', {}, code ? stageName(code) : t('evidence.kind.PROJECT')),
    h('ol', { class: 'timeline' }, items.filter((i) => i.stage === code).map((i) => evidenceItem(i, options))))));
}
