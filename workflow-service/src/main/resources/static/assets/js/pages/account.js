// Your own account: why the password must change (first sign-in, expired), the rules, and the change form.
import { h, live, replace } from '../dom.js';
import { get, post } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { refreshSession, homeRoute } from '../session.js';
import { go } from '../router.js';
import { pageHead, card, facts, errorText } from '../ui/common.js';

function field(id, label, type = 'password', autocomplete = 'new-password') {
  const input = h('input', { type, id, name: id, autocomplete, required: true });
  return [h('div', { class: 'field' }, h('label', { for: id }, label), input), input];
}

export async function render(main) {
  const account = await get('api/account');
  const rules = account.rules;
  main.append(pageHead(t('account.title'), t('account.subtitle')));
  if (account.passwordChangeRequired) {
    main.append(h('p', { class: 'notice notice--warn', role: 'alert', id: 'password-change-required' },
      account.firstSignIn ? t('account.firstSignIn') : t('account.expired')));
  }
  main.append(card(t('account.facts'), facts([
    [t('login.username'), account.username],
    [t('account.changedAt'), account.passwordChangedAt ? formatDate(account.passwordChangedAt) : '—'],
    [t('account.expiresAt'), account.passwordExpiresAt ? formatDate(account.passwordExpiresAt) : t('account.never')],
  ], 'kv')));

  const [currentField, current] = field('current-password', t('account.current'), 'password', 'current-password');
  const [nextField, next] = field('new-password', t('account.new'));
  const [repeatField, repeat] = field('repeat-password', t('account.repeat'));
  const status = live({ id: 'account-status' });
  const submit = h('button', { type: 'submit', class: 'btn', id: 'change-password' }, t('account.change'));
  const form = h('form', { class: 'form-narrow', novalidate: true },
    h('p', { class: 'hint' }, t('account.rules', rules)), currentField, nextField, repeatField, status, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (next.value !== repeat.value) {
      replace(status, h('p', { class: 'notice notice--bad', role: 'alert' }, t('account.mismatch')));
      return;
    }
    submit.disabled = true;
    try {
      await post('api/account/password', { currentPassword: current.value, newPassword: next.value });
      await refreshSession();
      window.dispatchEvent(new Event('landreserve:session'));
      replace(status, h('p', { class: 'notice notice--ok', role: 'status' }, t('account.changed')));
      form.reset();
      setTimeout(() => go(homeRoute()), 800);
    } catch (err) {
      const rulesBroken = (err.details?.rules || []).map((r) => t(`account.rule.${r}`)).join(t('common.listSeparator'));
      replace(status, h('p', { class: 'notice notice--bad', role: 'alert' }, errorText(err), rulesBroken ? ` ${rulesBroken}` : ''));
    } finally {
      submit.disabled = false;
    }
  });
  main.append(card(t('account.changeTitle'), form));
}
