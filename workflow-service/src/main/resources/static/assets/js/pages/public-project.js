// A published project as the public sees it: its stages and the digests of its public evidence.
import { h } from '../dom.js';
import { get, seg } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { stageName, documentTypeName, outcomeName, allStages } from '../lifecycle.js';
import { pageHead, card, facts, hash, empty } from '../ui/common.js';
import { projectStatusBadge, anchorBadge } from '../ui/badges.js';
import { stepper } from '../ui/stepper.js';

export async function render(main, params) {
  const { project, evidence } = await get(`api/public/projects/${seg(params.id)}`);
  main.append(pageHead(project.name, project.code, h('a', { class: 'btn btn--ghost', href: '#/public' }, t('public.back'))));
  main.append(card(t('project.facts'), stepper(project.currentStage, project.status), h('div', { style: 'height:.8rem' }), facts([
    [t('project.status'), projectStatusBadge(project.status)],
    [t('common.stage'), stageName(project.currentStage)],
    [t('project.district'), project.district || '—'],
    [t('project.area'), project.areaSquareMeters ? `${project.areaSquareMeters} ${t('unit.m2')}` : null],
    [t('project.created'), project.createdAt ? formatDate(project.createdAt, false) : null],
    [t('project.updated'), formatDate(project.updatedAt)],
  ])));

  const order = allStages().map((s) => s.code);
  const sorted = [...evidence].sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage) || Date.parse(a.at) - Date.parse(b.at));
  main.append(card(t('public.evidence'), h('p', { class: 'muted small' }, t('public.evidenceHint')),
    sorted.length ? h('ul', { class: 'list', id: 'public-evidence' }, sorted.map((e) => h('li', { class: 'item', 'data-evidence': e.evidenceId },
      h('div', { class: 'spread' },
        h('h3', {}, h('span', { class: 'badge badge--plain' }, t(`evidence.kind.${e.kind}`)), ' ',
          e.kind === 'DOCUMENT' ? `${documentTypeName(e.documentType)} · v${e.version}`
            : e.kind === 'DECISION' ? outcomeName(e.stage, e.outcome)
              : e.kind === 'PROJECT' ? `v${e.version}` : ''),
        anchorBadge('ANCHORED')),
      h('div', { class: 'meta' }, e.stage ? h('span', {}, stageName(e.stage)) : null, h('span', {}, formatDate(e.at))),
      facts([
        ['SHA-256', e.sha256 ? hash(e.sha256) : null],
        ['SM3', e.sm3 ? hash(e.sm3) : null],
        [t('certificate.sealRoot'), e.root ? hash(e.root) : null],
        [t('evidence.txId'), hash(e.txId, { 'data-tx': e.txId })],
        [t('evidence.block'), String(e.blockNumber)],
        [t('evidence.anchoredAt'), formatDate(e.anchoredAt)],
      ], 'kv'),
      h('p', { style: 'margin:.5rem 0 0' },
        h('a', { class: 'btn btn--ghost btn--small', href: `#/certificate/${e.evidenceId}` }, t('public.certificate'))))))
      : empty(t('public.noEvidence'))));
}
