// A printable certificate for one published document, with the QR code that opens this very page.
import { h, replace, live } from '../dom.js';
import { get, seg } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { stageName, documentTypeName } from '../lifecycle.js';
import { card, facts } from '../ui/common.js';
import { verdictBadge } from '../ui/badges.js';
import { localHash } from '../ui/local-hash.js';

export async function render(main, params) {
  const id = seg(params.id);
  const c = await get(`api/public/evidence/${id}`);
  const print = h('button', { type: 'button', class: 'btn', id: 'print' }, t('certificate.print'));
  print.addEventListener('click', () => window.print());

  main.append(h('div', { class: 'row no-print', style: 'justify-content:flex-end;margin-bottom:.8rem' },
    h('a', { class: 'btn btn--ghost', href: `#/public/projects/${c.projectId}` }, t('certificate.project')), print));

  main.append(h('article', { class: 'certificate', id: 'certificate', 'data-evidence': c.evidenceId },
    h('h1', { tabindex: '-1' }, t('certificate.title')),
    h('p', { class: 'subtitle' }, t('certificate.subtitle')),
    h('div', { class: 'certificate__body' },
      h('div', {},
        h('p', {}, t('certificate.statement', { type: c.kind === 'DOCUMENT' ? documentTypeName(c.documentType)
          : t(`evidence.kind.${c.kind}`), project: c.projectName })),
        facts([
          [t('project.code'), c.projectCode],
          [t('project.name'), c.projectName],
          [t('evidence.kindLabel'), h('span', { 'data-kind': c.kind }, t(`evidence.kind.${c.kind}`))],
          [t('common.stage'), c.stage ? stageName(c.stage) : null],
          [t('certificate.document'), c.kind === 'DOCUMENT' ? `${documentTypeName(c.documentType)} · v${c.version}` : null],
          [t('certificate.decision'), c.kind === 'DECISION' ? `${c.elementId} · ${c.outcome}` : null],
          [t('certificate.factsVersion'), c.kind === 'PROJECT' ? `v${c.version}` : null],
          [t('certificate.sealRoot'), c.kind === 'SEAL' ? h('span', { class: 'mono' }, `${c.root} (${c.evidenceCount})`) : null],
          ['SHA-256', c.sha256 ? h('span', { class: 'mono' }, c.sha256) : null],
          ['SM3', c.sm3 ? h('span', { class: 'mono' }, c.sm3) : null],
          [t('evidence.txId'), h('span', { class: 'mono', 'data-tx': c.txId }, c.txId)],
          [t('evidence.block'), String(c.blockNumber)],
          [t('evidence.anchoredAt'), formatDate(c.anchoredAt)],
          [t('evidence.id'), h('span', { class: 'mono' }, c.evidenceId)],
        ])),
      h('figure', { class: 'certificate__qr' },
        h('img', { src: `api/public/evidence/${id}/qr.png`, alt: t('certificate.qrAlt'), width: 180, height: 180, id: 'certificate-qr' }),
        h('figcaption', {}, t('certificate.qrCaption')))),
    h('p', { class: 'small muted' }, t('certificate.verifyAt'), ' ', h('span', { class: 'mono' }, c.verifyUrl))));

  if (c.kind !== 'DOCUMENT') return;
  const status = live({ id: 'certificate-compare' });
  main.append(h('div', { class: 'no-print' }, card(t('certificate.compare'),
    localHash({ title: t('certificate.compareDrop'), status, name: 'certificate-file', onDigest: (digest, file) => {
      const same = digest === c.sha256;
      replace(status, h('div', { class: `card result ${same ? 'result--ok' : 'result--bad'}`, 'data-verified': String(same) },
        h('h3', {}, verdictBadge(same), ' ', file.name),
        h('p', {}, same ? t('certificate.same') : t('certificate.different')),
        facts([['SHA-256', h('span', { class: 'digest' }, digest)]])));
    } }), status)));
}
