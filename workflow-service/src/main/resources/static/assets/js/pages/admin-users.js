// The system administrator (系统管理员): accounts (create, edit, enable/disable, one-time password) and departments.
import { h, live, replace } from '../dom.js';
import { get, post, seg } from '../api.js';
import { t, formatDate, language } from '../i18n.js';
import { pageHead, card, errorNotice, errorText } from '../ui/common.js';
import { session } from '../session.js';

export function roleName(role) {
  return role ? t(`role.${role}`) : t('admin.noRole');
}

export function accountState(u) {
  if (!u.enabled) return h('span', { class: 'badge badge--bad' }, t('admin.disabled'));
  if (u.locked) return h('span', { class: 'badge badge--warn' }, t('admin.locked'));
  if (u.mustChangePassword) return h('span', { class: 'badge badge--info' }, t('admin.mustChange'));
  return h('span', { class: 'badge badge--ok' }, t('admin.active'));
}

function oneTimeNotice(created) {
  return h('div', { class: 'notice notice--warn', role: 'alert', id: 'one-time-password' },
    h('p', {}, t('admin.oneTimeShown', { user: created.account.username })),
    h('p', {}, h('code', { 'data-one-time': created.account.username }, created.oneTimePassword)));
}

export async function render(main) {
  main.append(pageHead(t('admin.users.title'), t('admin.users.subtitle')));
  const status = live({ id: 'admin-status' });
  const usersBody = h('div', { id: 'users' });
  const departmentsBody = h('div', { id: 'departments' });
  let departments = [];

  const act = async (work) => {
    try {
      const created = await work();
      replace(status, created && created.oneTimePassword ? oneTimeNotice(created)
        : h('p', { class: 'notice notice--ok', role: 'status' }, t('admin.saved')));
      await load();
    } catch (e) {
      replace(status, h('p', { class: 'notice notice--bad', role: 'alert' }, errorText(e)));
    }
  };

  const departmentSelect = (id, value) => h('select', { id },
    h('option', { value: '' }, t('department.none')),
    departments.filter((d) => d.enabled).map((d) => h('option', { value: d.slug, selected: d.slug === value }, deptName(d))));

  const load = async () => {
    try {
      const [users, depts] = await Promise.all([get('api/admin/system/users'), get('api/admin/system/departments')]);
      departments = depts;
      replace(usersBody, h('div', { class: 'table-wrap' }, h('table', { id: 'users-table' },
        h('thead', {}, h('tr', {}, ['login.username', 'admin.displayName', 'admin.role', 'admin.department', 'admin.state',
          'admin.lastLogin', 'admin.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, users.map((u) => h('tr', { 'data-username': u.username },
          h('td', {}, u.username), h('td', {}, u.displayName), h('td', {}, roleName(u.role)),
          h('td', {}, u.department ? deptName(depts.find((d) => d.slug === u.department) || { slug: u.department }) : '—'),
          h('td', {}, accountState(u)), h('td', { class: 'small' }, u.lastLoginAt ? formatDate(u.lastLoginAt) : '—'),
          h('td', { class: 'row' }, u.username === session().username ? h('span', { class: 'muted small' }, t('admin.ownAccount')) : [
            h('button', { type: 'button', class: 'btn btn--small btn--ghost', 'data-action': u.enabled ? 'disable' : 'enable',
              onclick: () => act(() => post(`api/admin/system/users/${seg(u.username)}/${u.enabled ? 'disable' : 'enable'}`)) },
              t(u.enabled ? 'admin.disable' : 'admin.enable')),
            u.federated ? null : h('button', { type: 'button', class: 'btn btn--small btn--ghost', 'data-action': 'reset',
              onclick: () => act(() => post(`api/admin/system/users/${seg(u.username)}/password-reset`)) }, t('admin.reset'))])))))));
      replace(departmentsBody, h('ul', { class: 'list', id: 'departments-list' }, depts.map((d) => h('li', { class: 'item', 'data-department': d.slug },
        h('strong', {}, deptName(d)), ' ', h('code', {}, d.slug), ' ',
        d.reviewing ? h('span', { class: 'badge badge--info' }, t('admin.reviewing')) : null,
        d.enabled ? null : h('span', { class: 'badge badge--bad' }, t('admin.disabled'))))));
      replace(newDept, departmentSelect('new-department', ''));
    } catch (e) {
      replace(usersBody, errorNotice(e));
    }
  };

  const newDept = h('div', {});
  const username = h('input', { type: 'text', id: 'new-username', autocomplete: 'off', required: true });
  const displayName = h('input', { type: 'text', id: 'new-display-name', autocomplete: 'off', required: true });
  const create = h('form', { class: 'form-narrow', id: 'create-user', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'new-username' }, t('login.username'), h('span', { class: 'hint' }, ` ${t('admin.usernameHint')}`)), username),
    h('div', { class: 'field' }, h('label', { for: 'new-display-name' }, t('admin.displayName')), displayName),
    h('div', { class: 'field' }, h('label', { for: 'new-department' }, t('admin.department')), newDept),
    h('p', { class: 'hint' }, t('admin.createHint')),
    h('button', { type: 'submit', class: 'btn' }, t('admin.create')));
  create.addEventListener('submit', (e) => {
    e.preventDefault();
    const department = create.querySelector('#new-department')?.value || null;
    act(() => post('api/admin/system/users', { username: username.value.trim(), displayName: displayName.value.trim(), department }))
      .then(() => create.reset());
  });

  const slug = h('input', { type: 'text', id: 'dept-slug', autocomplete: 'off' });
  const zh = h('input', { type: 'text', id: 'dept-zh', autocomplete: 'off' });
  const en = h('input', { type: 'text', id: 'dept-en', autocomplete: 'off' });
  const createDept = h('form', { class: 'form-narrow', id: 'create-department', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'dept-slug' }, t('admin.deptCode')), slug),
    h('div', { class: 'field' }, h('label', { for: 'dept-zh' }, t('admin.deptZh')), zh),
    h('div', { class: 'field' }, h('label', { for: 'dept-en' }, t('admin.deptEn')), en),
    h('button', { type: 'submit', class: 'btn' }, t('admin.createDept')));
  createDept.addEventListener('submit', (e) => {
    e.preventDefault();
    act(() => post('api/admin/system/departments', { slug: slug.value.trim(), nameZh: zh.value.trim(), nameEn: en.value.trim() }))
      .then(() => createDept.reset());
  });

  main.append(status, card(t('admin.users.list'), usersBody), h('div', { class: 'grid' },
    card(t('admin.users.create'), create), card(t('admin.departments'), departmentsBody, createDept)));
  await load();
}

export function deptName(d) {
  return (language() === 'en' ? d.nameEn : d.nameZh) || d.slug;
}
