// The sign-out page (GET /logout lands here): signs out on request and says so.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { session, logout } from '../session.js';
import { pageHead, card, errorNotice } from '../ui/common.js';

export async function render(main) {
  const body = h('div', { id: 'logout-status' });
  const done = () => replace(body, h('p', { class: 'notice notice--ok', role: 'status' }, t('logout.done')),
    h('p', {}, h('a', { class: 'btn', href: '#/login' }, t('nav.login')), ' ', h('a', { class: 'btn btn--ghost', href: '#/public' }, t('nav.public'))));
  if (session().authenticated) {
    const button = h('button', { type: 'button', class: 'btn', id: 'logout-confirm' }, t('nav.logout'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await logout();
        window.dispatchEvent(new Event('landreserve:session'));
        done();
      } catch (e) {
        replace(body, errorNotice(e));
      }
    });
    replace(body, h('p', {}, t('logout.confirm', { user: session().displayName || session().username })), button);
  } else {
    done();
  }
  main.append(pageHead(t('logout.title'), t('logout.subtitle')), card(null, body));
}
