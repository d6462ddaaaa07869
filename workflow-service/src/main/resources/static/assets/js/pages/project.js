// A project: its facts, its place in the lifecycle, open tasks and its evidence with anchoring state.
import { h, replace } from '../dom.js';
import { get, seg } from '../api.js';
import { t, formatDate, formatNumber } from '../i18n.js';
import { stageName, taskName, groupName } from '../lifecycle.js';
import { hasRole, mayWorkOn } from '../session.js';
import { pageHead, card, facts, empty, yesNo } from '../ui/common.js';
import { projectStatusBadge, deadlineBadge, anchorBadge } from '../ui/badges.js';
import { stepper } from '../ui/stepper.js';
import { evidenceTimeline } from '../ui/evidence.js';

const REFRESH_MS = 4000;

export async function render(main, params) {
  const id = seg(params.id);
  const project = await get(`api/projects/${id}`);
  const actions = [];
  if (hasRole('AUDITOR')) actions.push(h('a', { class: 'btn', href: `#/audit/projects/${project.id}` }, t('audit.run')));
  if (project.published) actions.push(h('a', { class: 'btn btn--ghost', href: `#/public/projects/${project.id}` }, t('project.publicPage')));
  main.append(pageHead(project.name, project.code, ...actions));

  const status = h('div');
  const tasksBox = h('div', { id: 'open-tasks' });
  const evidenceBox = h('div');
  const progress = h('p', { class: 'muted small', role: 'status', id: 'anchoring-progress' });
  main.append(card(t('project.facts'), status), card(t('project.openTasks'), tasksBox),
    card(t('project.evidence'), progress, evidenceBox));

  let timer = null;
  let stopped = false;
  const load = async () => {
    const [current, timeline, open] = await Promise.all([
      get(`api/projects/${id}`), get(`api/projects/${id}/timeline`), get(`api/projects/${id}/tasks`)]);
    replace(status, stepper(current.currentStage, current.status), h('div', { style: 'height:.8rem' }), facts([
      [t('project.status'), projectStatusBadge(current.status)],
      [t('common.stage'), stageName(current.currentStage)],
      [t('project.district'), current.district || '—'],
      [t('project.area'), `${formatNumber(current.areaSquareMeters)} ${t('unit.m2')}`],
      [t('project.formerIndustrial'), yesNo(current.formerIndustrial)],
      [t('project.published'), yesNo(current.published)],
      [t('project.description'), current.description || '—'],
      [t('project.createdBy'), current.createdBy],
      [t('project.created'), formatDate(current.createdAt)],
      [t('project.updated'), formatDate(current.updatedAt)],
    ]));
    replace(tasksBox, open.length ? h('ul', { class: 'list' }, open.map((task) => h('li', { class: 'item', 'data-task': task.id },
      h('div', { class: 'spread' }, h('h3', {}, taskName(task.elementId)),
        mayWorkOn(task) ? h('a', { class: 'btn btn--small', href: `#/tasks/${task.id}` }, t('tasks.open')) : null),
      h('div', { class: 'meta' }, h('span', {}, t('project.candidates', { groups: task.candidateGroups.map(groupName).join(t('common.listSeparator')) })),
        task.assignee ? h('span', {}, task.assignee) : null),
      deadlineBadge(task.due))))
      : empty(current.status === 'ACTIVE' ? t('project.noOpenTasksActive') : t('project.noOpenTasks')));
    const evidence = timeline.filter((i) => i.kind !== 'ESCALATION');
    const pending = evidence.filter((i) => i.anchorState !== 'ANCHORED').length;
    replace(progress, pending
      ? h('span', {}, anchorBadge('PENDING'), ' ', t('project.pendingCount', { n: pending, total: evidence.length }))
      : h('span', {}, anchorBadge('ANCHORED'), ' ', t('project.allAnchored', { total: evidence.length })));
    replace(evidenceBox, evidenceTimeline(timeline));
    if (!stopped && (pending || (current.status === 'ACTIVE' && !open.length))) {
      timer = setTimeout(() => load().catch(() => { /* the next visit shows it */ }), REFRESH_MS);
    }
  };
  await load();
  return () => { stopped = true; clearTimeout(timer); };
}
