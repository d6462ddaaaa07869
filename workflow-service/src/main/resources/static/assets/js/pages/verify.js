// Public verification: the file is hashed here, only its SHA-256 is sent, the answer says where it is anchored.
import { h, replace, live } from '../dom.js';
import { get } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { stageName, documentTypeName } from '../lifecycle.js';
import { pageHead, card, facts, errorNotice } from '../ui/common.js';
import { verdictBadge } from '../ui/badges.js';
import { localHash } from '../ui/local-hash.js';

const HEX64 = /^[0-9a-fA-F]{64}$/;

export async function render(main, params, query) {
  const result = live({ id: 'verify-result' });

  const check = async (digest, fileName) => {
    replace(result, h('p', { class: 'muted' }, t('verify.asking')));
    try {
      const answer = await get(`api/public/verify?sha256=${digest}`);
      replace(result, outcome(answer, fileName));
    } catch (e) {
      replace(result, errorNotice(e));
    }
  };

  const digestInput = h('input', { type: 'text', id: 'verify-digest', maxlength: 64, spellcheck: 'false',
    autocomplete: 'off', class: 'mono', value: query.get('sha256') || '' });
  const digestForm = h('form', { novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'verify-digest' }, t('verify.digestLabel')),
      h('div', { class: 'search' }, digestInput, h('button', { type: 'submit', class: 'btn btn--ghost' }, t('verify.check')))));
  digestForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = digestInput.value.trim();
    if (!HEX64.test(value)) {
      replace(result, h('p', { class: 'notice notice--bad', role: 'alert' }, t('error.INVALID_DIGEST')));
      return;
    }
    check(value.toLowerCase(), null);
  });

  main.append(pageHead(t('verify.title'), t('verify.subtitle')),
    card(null, localHash({ title: t('verify.dropTitle'), status: result, onDigest: (digest, file) => check(digest, file.name) }),
      result),
    card(t('verify.byDigest'), digestForm));
  if (HEX64.test(query.get('sha256') || '')) await check(query.get('sha256').toLowerCase(), null);
}

function outcome(answer, fileName) {
  const ok = answer.verified && answer.matches.length > 0;
  const head = h('h2', {}, verdictBadge(ok), ' ', fileName || t('verify.theDigest'));
  const digest = facts([['SHA-256', h('span', { class: 'digest', id: 'verify-sha256' }, answer.sha256)]]);
  if (!ok) {
    return h('section', { class: 'card result result--bad', 'data-verified': 'false', tabindex: '-1' }, head, digest,
      h('p', {}, t('verify.notFoundExplained')));
  }
  return h('section', { class: 'card result result--ok', 'data-verified': 'true', tabindex: '-1' }, head, digest,
    h('p', {}, t('verify.foundExplained', { n: answer.matches.length })),
    h('ul', { class: 'list' }, answer.matches.map((m) => h('li', { class: 'item', 'data-evidence': m.evidenceId },
      h('h3', {}, `${documentTypeName(m.documentType)} · v${m.version}`),
      facts([
        [t('common.project'), h('a', { href: `#/public/projects/${m.projectId}` }, `${m.projectCode} ${m.projectName}`)],
        [t('common.stage'), stageName(m.stage)],
        [t('evidence.txId'), h('code', { 'data-tx': m.txId, class: 'mono' }, m.txId)],
        [t('evidence.block'), String(m.blockNumber)],
        [t('evidence.anchoredAt'), formatDate(m.anchoredAt)],
      ], 'kv'),
      h('p', { style: 'margin:.5rem 0 0' }, h('a', { class: 'btn btn--ghost btn--small', href: `#/certificate/${m.evidenceId}` }, t('public.certificate')))))));
}
