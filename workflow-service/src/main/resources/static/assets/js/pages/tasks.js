// My tasks: open tasks for my role and department, a page at a time, filtered by stage and overdue, sorted by
// due date, arrival or priority. Filters live in the address (#/tasks?stage=REVIEW&overdue=true&sort=due).
import { h } from '../dom.js';
import { t, pick, formatDate } from '../i18n.js';
import { allStages, stageName } from '../lifecycle.js';
import { session, hasRole } from '../session.js';
import { go } from '../router.js';
import { pageHead, empty, labelled } from '../ui/common.js';
import { deadlineBadge } from '../ui/badges.js';
import { pagedList } from '../ui/pager.js';

const SORTS = ['due', 'created', 'priority'];

function filterForm(current) {
  const stageSelect = h('select', { id: 'task-stage', name: 'stage' },
    h('option', { value: '' }, t('tasks.allStages')),
    allStages().filter((s) => s.code !== 'ARCHIVE').map((s) =>
      h('option', { value: s.code, selected: s.code === current.stage ? '' : null }, stageName(s.code))));
  const sortSelect = h('select', { id: 'task-sort', name: 'sort' },
    SORTS.map((s) => h('option', { value: s, selected: s === current.sort ? '' : null }, t(`tasks.sort.${s}`))));
  const overdue = h('input', { type: 'checkbox', id: 'task-overdue', name: 'overdue', checked: current.overdue ? '' : null });
  const apply = () => {
    const q = new URLSearchParams();
    if (stageSelect.value) q.set('stage', stageSelect.value);
    if (overdue.checked) q.set('overdue', 'true');
    if (sortSelect.value !== 'due') q.set('sort', sortSelect.value);
    if (current.projectId) q.set('projectId', current.projectId);
    go(q.toString() ? `/tasks?${q}` : '/tasks');
  };
  [stageSelect, sortSelect, overdue].forEach((el) => el.addEventListener('change', apply));
  return h('form', { class: 'filters no-print', id: 'task-filters', onsubmit: (e) => { e.preventDefault(); apply(); } },
    h('div', { class: 'field' }, h('label', { for: 'task-stage' }, t('common.stage')), stageSelect),
    h('div', { class: 'field' }, h('label', { for: 'task-sort' }, t('tasks.sortBy')), sortSelect),
    h('div', { class: 'field field--check' }, h('label', { for: 'task-overdue' }, overdue, ' ', t('tasks.onlyOverdue'))));
}

function taskItem({ task, definition, projectCode, projectName }) {
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
}

export async function render(main, params, query) {
  const current = {
    stage: query.get('stage') || '',
    overdue: query.get('overdue') === 'true',
    sort: SORTS.includes(query.get('sort')) ? query.get('sort') : 'due',
    projectId: query.get('projectId') || '',
  };
  const s = session();
  const subtitle = t('tasks.subtitle', {
    role: t(`role.${s.role}`),
    department: s.department ? t(`department.${s.department}`) : t('department.none'),
  });
  const actions = hasRole('APPLICANT')
    ? [h('a', { class: 'btn', href: '#/projects/new', id: 'new-project' }, t('projects.new'))] : [];
  main.append(pageHead(t('tasks.title'), subtitle, ...actions), filterForm(current));

  const api = new URLSearchParams({ sort: current.sort });
  if (current.stage) api.set('stage', current.stage);
  if (current.overdue) api.set('overdue', 'true');
  if (current.projectId) api.set('projectId', current.projectId);
  const list = h('ul', { class: 'list', id: 'task-list' });
  const { first, total, footer } = await pagedList(list, `api/tasks?${api}`, taskItem);
  if (!first.length) {
    main.append(empty(current.stage || current.overdue || current.projectId ? t('tasks.noneMatching') : t('tasks.none')));
    return;
  }
  main.append(h('p', { class: 'muted small', role: 'status', id: 'task-count' }, t('tasks.count', { n: total ?? first.length })),
    list, footer);
}
