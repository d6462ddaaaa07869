// Who is signed in (GET api/session also hands out the CSRF cookie) and what each role may open.
import { get, post } from './api.js';

let current = { authenticated: false };

export const session = () => current;

export async function refreshSession() {
  current = await get('api/session');
  return current;
}

export async function login(username, password) {
  await post('login', new URLSearchParams({ username, password }));
  return refreshSession(); // the server issues a new CSRF token after login
}

export async function logout() {
  await post('logout');
  return refreshSession();
}

export const hasRole = (...roles) => current.authenticated && roles.includes(current.role);

/** Where each role starts. */
export function homeRoute() {
  if (!current.authenticated) return '/public';
  if (current.passwordChangeRequired) return '/account';
  switch (current.role) {
    case 'AUDITOR': return '/audit';
    case 'OPERATOR': return '/ops';
    case 'SYSTEM_ADMIN': return '/admin/users';
    case 'SECURITY_ADMIN': return '/admin/security';
    case 'AUDIT_ADMIN': return '/admin/audit';
    case 'INSPECTOR': return '/inspections';
    default: return '/tasks';
  }
}

/** The navigation of a role: [route, message key]. */
export function navigation() {
  const publicPages = [['/public', 'nav.public'], ['/verify', 'nav.verify']];
  if (!current.authenticated) return publicPages;
  switch (current.role) {
    case 'APPLICANT':
    case 'REVIEWER':
      return [['/tasks', 'nav.tasks'], ['/projects', 'nav.projects'], ...publicPages];
    case 'APPROVER':
      return [['/tasks', 'nav.tasks'], ['/cockpit', 'nav.cockpit'], ['/projects', 'nav.projects'], ['/register', 'nav.register'], ...publicPages];
    case 'AUDITOR':
      return [['/audit', 'nav.audit'], ['/cockpit', 'nav.cockpit'], ['/projects', 'nav.projects'], ['/register', 'nav.register'], ...publicPages];
    case 'OPERATOR':
      return [['/ops', 'nav.ops'], ['/cockpit', 'nav.cockpit'], ['/register', 'nav.register'], ...publicPages];
    case 'SYSTEM_ADMIN':
      return [['/admin/users', 'nav.adminUsers'], ['/account', 'nav.account']];
    case 'SECURITY_ADMIN':
      return [['/admin/security', 'nav.adminSecurity'], ['/account', 'nav.account']];
    case 'AUDIT_ADMIN':
      return [['/admin/audit', 'nav.adminAudit'], ['/account', 'nav.account']];
    case 'INSPECTOR':
      return [['/inspections', 'nav.inspections'], ...publicPages];
    default:
      return publicPages;
  }
}

/** The task groups this user works for, as the lifecycle names them (applicant, approver, reviewer-<department>). */
export function myTaskGroups() {
  if (!current.authenticated) return [];
  if (current.role === 'REVIEWER') return current.department ? [`reviewer-${current.department}`] : [];
  return [String(current.role).toLowerCase()];
}

/** Whether this user may work on an open task: assigned to them, or unassigned and for one of their groups. */
export function mayWorkOn(task) {
  if (task.assignee) return task.assignee === current.username;
  return task.candidateGroups.some((g) => myTaskGroups().includes(g));
}
