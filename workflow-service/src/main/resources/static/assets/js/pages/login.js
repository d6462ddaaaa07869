// Sign in with the form login (POST /login, then the session is read again).
import { h, live, replace } from '../dom.js';
import { t } from '../i18n.js';
import { login, homeRoute } from '../session.js';
import { go } from '../router.js';
import { pageHead, card, errorText } from '../ui/common.js';

export async function render(main, params, query) {
  const status = live({ id: 'login-status' });
  const username = h('input', { type: 'text', id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'btn', id: 'login-submit' }, t('login.submit'));

  const form = h('form', { class: 'form-narrow', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'username' }, t('login.username')), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, t('login.password')), password),
    status,
    submit);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!username.value.trim() || !password.value) {
      replace(status, h('p', { class: 'notice notice--bad', role: 'alert' }, t('login.fillBoth')));
      return;
    }
    submit.disabled = true;
    replace(status, h('p', { class: 'muted' }, t('login.signingIn')));
    try {
      const s = await login(username.value.trim(), password.value);
      if (!s.authenticated) throw Object.assign(new Error('not signed in'), { code: 'BAD_CREDENTIALS' });
      window.dispatchEvent(new Event('landreserve:session'));
      const next = query.get('next');
      if (s.passwordChangeRequired) go('/account');
      else go(next && next.startsWith('/') && next !== '/login' && next !== '/logout' ? next : homeRoute());
    } catch (err) {
      // a locked, disabled or role-less account says so; a wrong name or password is not told apart
      const text = err.code === 'UNAUTHENTICATED' || err.code === 'BAD_CREDENTIALS' ? t('login.failed') : errorText(err);
      replace(status, h('p', { class: 'notice notice--bad', role: 'alert' }, text));
      submit.disabled = false;
      password.select();
    }
  });

  main.append(pageHead(t('login.title'), t('login.subtitle')), card(null, form));
}
