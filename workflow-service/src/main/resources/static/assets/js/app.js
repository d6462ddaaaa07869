// Starts the single-page app: language, session, header and navigation, then the page of the hash route.
import { h, replace } from './dom.js';
import { onUnauthenticated } from './api.js';
import { preferredLanguage, useLanguage, language, otherLanguage, t } from './i18n.js';
import { session, refreshSession, logout, homeRoute, navigation } from './session.js';
import { loadLifecycle } from './lifecycle.js';
import { route, match, currentPath, go } from './router.js';
import { errorNotice } from './ui/common.js';

const main = document.getElementById('main');
let cleanup = null;
let renderCount = 0;

const ALL_ROLES = ['APPLICANT', 'REVIEWER', 'APPROVER', 'AUDITOR', 'OPERATOR', 'SYSTEM_ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN', 'INSPECTOR'];

route('/login', () => import('./pages/login.js'));
route('/tasks', () => import('./pages/tasks.js'), { roles: ['APPLICANT', 'REVIEWER', 'APPROVER'] });
route('/tasks/:id', () => import('./pages/task.js'), { roles: ['APPLICANT', 'REVIEWER', 'APPROVER'] });
route('/projects', () => import('./pages/projects.js'), { roles: ['APPLICANT', 'REVIEWER', 'APPROVER', 'AUDITOR'] });
route('/projects/new', () => import('./pages/project-new.js'), { roles: ['APPLICANT'] });
route('/projects/:id', () => import('./pages/project.js'), { roles: ['APPLICANT', 'REVIEWER', 'APPROVER', 'AUDITOR'] });
route('/audit', () => import('./pages/audit.js'), { roles: ['AUDITOR'] });
route('/audit/projects/:id', () => import('./pages/audit-project.js'), { roles: ['AUDITOR'] });
route('/ops', () => import('./pages/ops.js'), { roles: ['OPERATOR'] });
route('/admin/users', () => import('./pages/admin-users.js'), { roles: ['SYSTEM_ADMIN'] });
route('/admin/security', () => import('./pages/admin-security.js'), { roles: ['SECURITY_ADMIN'] });
route('/admin/audit', () => import('./pages/admin-audit.js'), { roles: ['AUDIT_ADMIN'] });
route('/account', () => import('./pages/account.js'), { roles: ALL_ROLES });
route('/logout', () => import('./pages/logout.js'));
route('/inspections', () => import('./pages/inspections.js'), { roles: ['INSPECTOR', 'APPLICANT', 'APPROVER', 'AUDITOR'] });
route('/inspections/:id', () => import('./pages/inspection.js'), { roles: ['INSPECTOR'] });
route('/cockpit', () => import('./pages/cockpit.js'), { roles: ['APPROVER', 'AUDITOR', 'OPERATOR'] });
route('/register', () => import('./pages/register.js'), { roles: ['APPROVER', 'AUDITOR', 'OPERATOR'] });
route('/public', () => import('./pages/public.js'));
route('/public/projects/:id', () => import('./pages/public-project.js'));
route('/verify', () => import('./pages/verify.js'));
route('/certificate/:id', () => import('./pages/certificate.js'));

function renderHeader() {
  const s = session();
  document.getElementById('brand-text').textContent = t('app.title');
  document.querySelector('[data-skip]').textContent = t('app.skip');
  document.getElementById('nav').setAttribute('aria-label', t('nav.label'));
  const switchTo = otherLanguage();
  const tools = [
    h('button', { type: 'button', class: 'btn btn--ghost btn--small', lang: switchTo, 'data-lang-switch': switchTo,
      onclick: () => switchLanguage(switchTo) }, t(`lang.${switchTo}`)),
  ];
  if (s.authenticated) {
    tools.unshift(h('span', { class: 'who', 'data-user': s.username, title: t(`role.${s.role}`) },
      s.displayName || `${s.username} · ${t(`role.${s.role}`)}`));
    tools.push(h('button', { type: 'button', class: 'btn btn--ghost btn--small', id: 'logout', onclick: signOut }, t('nav.logout')));
  } else {
    tools.push(h('a', { class: 'btn btn--ghost btn--small', href: '#/login', id: 'login-link' }, t('nav.login')));
  }
  replace(document.getElementById('tools'), tools);
  renderNav();
  replace(document.getElementById('footer'), t('app.footer'));
}

function renderNav() {
  const { path } = currentPath();
  const items = navigation().map(([target, key]) => {
    const active = path === target || path.startsWith(`${target}/`)
      || (target === '/public' && path.startsWith('/certificate/'));
    return h('li', {}, h('a', { href: `#${target}`, 'aria-current': active ? 'page' : null, 'data-nav': target }, t(key)));
  });
  replace(document.getElementById('nav'), h('ul', {}, items));
}

async function switchLanguage(lang) {
  await useLanguage(lang, true);
  renderHeader();
  await show();
  document.querySelector('[data-lang-switch]')?.focus();
}

async function signOut() {
  await logout();
  renderHeader();
  go('/logout');
}

/** Renders the page of the current hash; a later navigation wins over a slower earlier one. */
async function show() {
  const ticket = ++renderCount;
  if (cleanup) { cleanup(); cleanup = null; }
  const { path, query } = currentPath();
  if (path === '/' || path === '') { go(homeRoute()); return; }
  renderNav();
  const found = match(path);
  if (!found) { page404(); return; }
  const { route: r, params } = found;
  const s = session();
  if (r.roles && !s.authenticated) { go(`/login?next=${encodeURIComponent(path)}`); return; }
  // a one-time or expired password opens nothing but its change (the server refuses the rest anyway)
  if (s.authenticated && s.passwordChangeRequired && r.roles && path !== '/account') { go('/account'); return; }
  if (r.roles && !r.roles.includes(s.role)) {
    replace(main, h('h1', { tabindex: '-1' }, t('error.forbiddenTitle')), h('p', {}, t('error.forbiddenPage')));
    focusHeading();
    return;
  }
  replace(main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  try {
    const module = await r.loader();
    if (ticket !== renderCount) return;
    const container = h('div', { class: 'page' });
    const done = await module.render(container, params, query, () => ticket !== renderCount);
    if (ticket !== renderCount) { if (typeof done === 'function') done(); return; }
    cleanup = typeof done === 'function' ? done : null;
    replace(main, container);
    focusHeading();
  } catch (e) {
    if (ticket !== renderCount) return;
    replace(main, errorNotice(e));
  }
}

function page404() {
  replace(main, h('h1', { tabindex: '-1' }, t('error.notFoundTitle')), h('p', {}, h('a', { href: '#/' }, t('error.backHome'))));
  focusHeading();
}

function focusHeading() {
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · ${t('app.short')}` : t('app.title');
  if (heading && document.activeElement !== document.body && document.activeElement?.closest('#main')) return;
  if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus({ preventScroll: true }); }
}

async function start() {
  await useLanguage(preferredLanguage());
  try {
    await Promise.all([refreshSession(), loadLifecycle()]);
  } catch (e) {
    renderHeader();
    replace(main, errorNotice(e));
    return;
  }
  renderHeader();
  onUnauthenticated(async () => {
    await refreshSession();
    renderHeader();
    const { path } = currentPath();
    if (path !== '/login') go(`/login?next=${encodeURIComponent(path)}`);
  });
  window.addEventListener('hashchange', show);
  window.addEventListener('landreserve:session', renderHeader);
  await show();
}

start();
