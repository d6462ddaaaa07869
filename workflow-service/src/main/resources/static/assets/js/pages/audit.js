// The auditor's console: verify a copy of a file against the records and the ledger; pick a project to audit.
import { h, replace, live } from '../dom.js';
import { upload } from '../api.js';
import { t, formatDate, formatSize } from '../i18n.js';
import { stageName, documentTypeName } from '../lifecycle.js';
import { pageHead, card, facts, hash, errorNotice, empty, labelled } from '../ui/common.js';
import { dropzone } from '../ui/dropzone.js';
import { verdictBadge, projectStatusBadge } from '../ui/badges.js';
import { pagedList } from '../ui/pager.js';

export async function render(main) {
  main.append(pageHead(t('audit.title'), t('audit.subtitle')));

  const result = live({ id: 'audit-verify-result' });
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': t('upload.progress') });
  main.append(card(t('audit.verifyFile'), h('p', { class: 'muted small' }, t('audit.verifyFileHint')),
    dropzone({
      title: t('audit.dropTitle'), name: 'audit-file',
      onFiles: async ([file]) => {
        progress.hidden = false;
        progress.value = 0;
        replace(result, h('p', { class: 'muted' }, t('audit.checking', { name: file.name })));
        try {
          const answer = await upload('api/audit/verify-file', {}, file, (loaded, total) => {
            progress.value = Math.round((loaded / total) * 100);
          });
          replace(result, verifyFileResult(file, answer));
        } catch (e) {
          replace(result, errorNotice(e));
        }
        progress.hidden = true;
      },
    }), progress, result));

  const list = h('ul', { class: 'list', id: 'audit-projects' });
  const { first, footer } = await pagedList(list, 'api/projects', (p) =>
    h('li', { class: 'item spread', 'data-project': p.id },
      h('div', {}, h('strong', {}, `${p.code} ${p.name}`),
        h('div', { class: 'meta' }, h('span', {}, labelled(t('common.stage'), stageName(p.currentStage))), projectStatusBadge(p.status))),
      h('div', { class: 'row' },
        h('a', { class: 'btn btn--small', href: `#/audit/projects/${p.id}`, 'data-audit': p.id }, t('audit.run')),
        h('a', { class: 'btn btn--ghost btn--small', href: `#/projects/${p.id}` }, t('audit.timeline')))));
  main.append(card(t('audit.projects'), first.length ? list : empty(t('projects.none')), footer));
}

function verifyFileResult(file, answer) {
  const onLedger = answer.matches.filter((m) => m.onLedger);
  const ok = onLedger.length > 0;
  return h('div', { class: `card result ${ok ? 'result--ok' : 'result--bad'}`, 'data-verified': String(ok) },
    h('h3', {}, verdictBadge(ok), ' ', file.name),
    facts([['SHA-256', h('span', { class: 'digest' }, answer.sha256)], ['SM3', h('span', { class: 'digest' }, answer.sm3)],
      [t('common.size'), formatSize(answer.size)]]),
    answer.matches.length ? h('ul', { class: 'list', style: 'margin-top:.8rem' }, answer.matches.map((m) => h('li', { class: 'item' },
      h('div', { class: 'spread' }, h('strong', {}, `${documentTypeName(m.documentType)} · v${m.version}`),
        m.onLedger ? h('span', { class: 'badge badge--ok' }, t('audit.onLedger')) : h('span', { class: 'badge badge--bad' }, t('audit.notOnLedger'))),
      facts([
        [t('common.project'), h('a', { href: `#/audit/projects/${m.projectId}` }, `${m.projectCode} ${m.projectName}`)],
        [t('common.stage'), stageName(m.stage)],
        [t('evidence.txId'), hash(m.txId, { 'data-tx': m.txId || '' })],
        [t('evidence.block'), m.blockNumber == null ? null : String(m.blockNumber)],
        [t('evidence.anchoredAt'), m.anchoredAt ? formatDate(m.anchoredAt) : null],
      ], 'kv'))))
      : h('p', {}, t('audit.noMatch')));
}
