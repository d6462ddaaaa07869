// My tasks: open tasks for my role and department, earliest deadline first.
import { h } from '../dom.js';
import { get } from '../api.js';
import { t, pick, formatDate } from '../i18n.js';
import { stageName } from '../lifecycle.js';
import { session, hasRole } from '../session.js';
import { pageHead, empty, labelled } from '../ui/common.js';
import { deadlineBadge } from '../ui/badges.js';

export async function render(main) {
  const tasks = await get('api/tasks');
  const sorted = [...tasks].sort((a, b) =>
    (a.task.due ? Date.parse(a.task.due) : Infinity) - (b.task.due ? Date.parse(b.task.due) : Infinity)
    || Date.parse(a.task.created) - Date.parse(b.task.created));

  const s = session();
  const subtitle = t('tasks.subtitle', {
    role: t(`role.${s.role}`),
    department: s.department ? t(`department.${s.department}`) : t('department.none'),
  });
  const actions = hasRole('APPLICANT')
    ? [h('a', { class: 'btn', href: '#/projects/new', id: 'new-project' }, t('projects.new'))] : [];
  main.append(pageHead(t('tasks.title'), subtitle, ...actions));

  if (!sorted.length) {
    main.append(empty(t('tasks.none')));
    return;
  }
  main.append(h('p', { class: 'muted small', role: 'status' }, t('tasks.count', { n: sorted.length })));
  main.append(h('ul', { class: 'list', id: 'task-list' }, sorted.map(({ task, definition, projectCode, projectName }) => {
    const overdue = task.due && Date.parse(task.due) < Date.now();
    return h('li', { class: `item${overdue ? ' item--overdue' : ''}`, 'data-task': task.id, 'data-element': task.elementId },
      h('div', { class: 'spread' },
        h('h3', {}, pick(definition)),
        h('a', { class: 'btn btn--small', href: `#/tasks/${task.id}`, 'data-open-task': task.elementId }, t('tasks.open'))),
      h('div', { class: 'meta' },
        h('a', { href: `#/projects/${task.projectId}` }, projectCode ? `${projectCode} ${projectName}` : task.projectId),
        h('span', {}, labelled(t('common.stage'), stageName(definition.stage))),
        h('span', {}, labelled(t('tasks.created'), formatDate(task.created))),
        task.assignee ? h('span', {}, labelled(t('tasks.assignee'), task.assignee)) : null),
      h('div', {}, deadlineBadge(task.due)));
  })));
}
