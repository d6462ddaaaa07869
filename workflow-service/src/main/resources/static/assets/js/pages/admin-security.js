// The security administrator (安全管理员): role assignments, unlocking accounts, the password/lockout/session policy.
import { h, live, replace } from '../dom.js';
import { get, put, post, del, seg } from '../api.js';
import { t } from '../i18n.js';
import { pageHead, card, errorNotice, errorText } from '../ui/common.js';
import { roleName, accountState } from './admin-users.js';
import { session } from '../session.js';

const REVIEWING = ['natural-resources', 'ecology-environment', 'finance'];
const POLICY_FIELDS = [
  ['minLength', 'number'], ['minCharacterClasses', 'number'], ['history', 'number'], ['maxAgeDays', 'number'],
  ['lockoutThreshold', 'number'], ['lockoutDuration', 'text'], ['idleTimeout', 'text']];

export async function render(main) {
  main.append(pageHead(t('admin.security.title'), t('admin.security.subtitle')));
  const status = live({ id: 'admin-status' });
  const usersBody = h('div', { id: 'role-users' });
  const policyBody = h('div', { id: 'policy' });
  const say = (ok, text) => replace(status, h('p', { class: `notice notice--${ok ? 'ok' : 'bad'}`, role: ok ? 'status' : 'alert' }, text));
  const act = async (work) => {
    try { await work(); say(true, t('admin.saved')); await load(); } catch (e) { say(false, errorText(e)); }
  };

  const load = async () => {
    try {
      const [users, roles, policy] = await Promise.all([get('api/admin/security/users'), get('api/admin/security/roles'),
        get('api/admin/security/policy')]);
      replace(usersBody, h('div', { class: 'table-wrap' }, h('table', { id: 'roles-table' },
        h('thead', {}, h('tr', {}, ['login.username', 'admin.displayName', 'admin.role', 'admin.state', 'admin.assign']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, users.filter((u) => !u.federated && u.username !== session().username).map((u) => {
          const role = h('select', { 'aria-label': t('admin.role'), 'data-role-of': u.username },
            h('option', { value: '' }, t('admin.noRole')),
            roles.map((r) => h('option', { value: r.role, selected: r.role === u.role }, roleName(r.role))));
          const dept = h('select', { 'aria-label': t('admin.department'), 'data-department-of': u.username },
            REVIEWING.map((d) => h('option', { value: d, selected: d === u.department }, t(`department.${d}`))));
          const syncDept = () => { dept.hidden = role.value !== 'REVIEWER'; };
          role.addEventListener('change', syncDept);
          syncDept();
          return h('tr', { 'data-username': u.username },
            h('td', {}, u.username), h('td', {}, u.displayName), h('td', {}, roleName(u.role)), h('td', {}, accountState(u)),
            h('td', { class: 'row' }, role, dept,
              h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'assign', onclick: () => act(() =>
                put(`api/admin/security/users/${seg(u.username)}/role`, { role: role.value, department: role.value === 'REVIEWER' ? dept.value : null })) },
              t('admin.assign')),
              u.locked ? h('button', { type: 'button', class: 'btn btn--small btn--ghost', 'data-action': 'unlock',
                onclick: () => act(() => post(`api/admin/security/users/${seg(u.username)}/unlock`)) }, t('admin.unlock')) : null));
        })))));
      renderPolicy(policy);
    } catch (e) {
      replace(usersBody, errorNotice(e));
    }
  };

  const renderPolicy = (answer) => {
    const inputs = {};
    const form = h('form', { class: 'form-narrow', id: 'policy-form', novalidate: true },
      h('p', { class: 'hint' }, answer.customised ? t('admin.policyCustomised') : t('admin.policyFromSettings')),
      POLICY_FIELDS.map(([name, type]) => {
        inputs[name] = h('input', { type, id: `policy-${name}`, value: String(answer.policy[name]), required: true });
        return h('div', { class: 'field' }, h('label', { for: `policy-${name}` }, t(`admin.policy.${name}`),
          h('span', { class: 'hint' }, ` ${t('admin.policy.setting', { value: String(answer.settings[name]) })}`)), inputs[name]);
      }),
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn', id: 'policy-save' }, t('admin.savePolicy')),
        h('button', { type: 'button', class: 'btn btn--ghost', id: 'policy-reset', onclick: () => act(() => del('api/admin/security/policy')) },
          t('admin.resetPolicy'))));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = {};
      for (const [name, type] of POLICY_FIELDS) body[name] = type === 'number' ? Number(inputs[name].value) : inputs[name].value.trim();
      act(() => put('api/admin/security/policy', body));
    });
    replace(policyBody, form);
  };

  main.append(status, card(t('admin.security.roles'), usersBody), card(t('admin.security.policy'), policyBody));
  await load();
}
