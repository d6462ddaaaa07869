// Status badges: always a word and a symbol next to the colour, never colour alone.
import { h } from '../dom.js';
import { t, formatRelative, formatDate } from '../i18n.js';

function badge(tone, text, attrs = {}) {
  return h('span', { class: `badge badge--${tone}`, ...attrs }, text);
}

export function anchorBadge(state) {
  return state === 'ANCHORED'
    ? badge('ok', t('anchor.ANCHORED'), { 'data-anchor': state })
    : badge('warn', t('anchor.PENDING'), { 'data-anchor': state || 'PENDING' });
}

const AUDIT_TONES = { OK: 'ok', NOT_ANCHORED: 'warn' };
export function auditBadge(status) {
  return badge(AUDIT_TONES[status] || 'bad', t(`audit.status.${status}`), { 'data-status': status });
}

const PROJECT_TONES = { ACTIVE: 'info', ARCHIVED: 'ok', REJECTED: 'bad' };
export function projectStatusBadge(status) {
  return badge(PROJECT_TONES[status] || 'plain', t(`project.status.${status}`), { 'data-status': status });
}

export function classificationBadge(value) {
  const tone = value === 'PUBLIC' ? 'info' : value === 'SENSITIVE' ? 'bad' : 'plain';
  return badge(tone, t(`classification.${value}`));
}

/** A deadline: overdue in red, due within two days in amber, else plain. */
export function deadlineBadge(due) {
  if (!due) return badge('plain', t('tasks.noDeadline'));
  const ms = new Date(due).getTime() - Date.now();
  const text = `${formatDate(due)} (${formatRelative(due)})`;
  if (ms < 0) return badge('bad', `${t('tasks.overdue')} ${text}`, { 'data-deadline': 'overdue' });
  if (ms < 2 * 86_400_000) return badge('warn', `${t('tasks.dueSoon')} ${text}`, { 'data-deadline': 'soon' });
  return badge('plain', `${t('tasks.due')} ${text}`, { 'data-deadline': 'later' });
}

export function verdictBadge(ok) {
  return ok ? badge('ok', t('verify.verified')) : badge('bad', t('verify.notVerified'));
}
