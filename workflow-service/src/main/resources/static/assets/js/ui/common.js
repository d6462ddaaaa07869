// Small building blocks shared by the pages.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { missingName } from '../lifecycle.js';

/** The words for an API error: our own message for a known code, else the server's message. */
export function errorText(error) {
  if (!error) return '';
  const key = `error.${error.code}`;
  const known = t(key);
  let text = known === key ? (error.message || t('error.generic')) : known;
  if (error.code === 'MISSING_DOCUMENTS' && Array.isArray(error.details?.missing)) {
    text += ` ${error.details.missing.map(missingName).join(t('common.listSeparator'))}`;
  }
  return text;
}

export function errorNotice(error) {
  return h('div', { class: 'notice notice--bad', role: 'alert' },
    h('strong', {}, t('error.title')), ' ', errorText(error),
    error && error.code ? h('span', { class: 'small muted' }, ` (${error.code})`) : null);
}

export function pageHead(title, subtitle, ...actions) {
  return h('div', { class: 'page-head' },
    h('div', {}, h('h1', { tabindex: '-1' }, title), subtitle ? h('p', {}, subtitle) : null),
    actions.length ? h('div', { class: 'row no-print' }, actions) : null);
}

export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', {}, title) : null, children);
}

/** A definition list from [label, value] pairs (null values are skipped). */
export function facts(pairs, className = 'facts') {
  const dl = h('dl', { class: className });
  for (const [label, value] of pairs) {
    if (value == null) continue;
    dl.append(h('dt', {}, label), h('dd', {}, value));
  }
  return dl;
}

/** A long hex value or transaction id, shortened on screen with the whole value in the title and for copying. */
export function hash(value, attrs = {}) {
  if (!value) return h('span', { class: 'muted' }, '—');
  const short = value.length > 24 ? `${value.slice(0, 12)}…${value.slice(-8)}` : value;
  return h('code', { title: value, 'data-full': value, ...attrs }, short);
}

export function empty(text) {
  return h('p', { class: 'muted' }, text);
}

export function yesNo(value) {
  return value ? t('common.yes') : t('common.no');
}

/** "阶段：立项" / "Stage: Initiation" */
export function labelled(label, value) {
  return `${label}${t('common.colon')}${value}`;
}
