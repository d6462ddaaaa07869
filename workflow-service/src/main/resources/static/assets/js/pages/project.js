// A project: its facts, its place in the lifecycle, open tasks and its evidence with anchoring state.
import { h, replace, live } from '../dom.js';
import { get, post, put, seg } from '../api.js';
import { t, formatDate, formatNumber } from '../i18n.js';
import { stageName, taskName, groupName } from '../lifecycle.js';
import { hasRole, mayWorkOn } from '../session.js';
import { pageHead, card, facts, empty, yesNo, errorText, errorNotice } from '../ui/common.js';
import { parcelsCard } from '../ui/parcels.js';
import { projectStatusBadge, deadlineBadge, anchorBadge } from '../ui/badges.js';
import { stepper } from '../ui/stepper.js';
import { evidenceTimeline } from '../ui/evidence.js';

const REFRESH_MS = 4000;
const AMENDABLE = ['INITIATION', 'REVIEW', 'APPROVAL'];

// The approver publishes or withdraws the project; the public sees the change once it is anchored.
function publicationCard(project) {
  const reason = h('textarea', { id: 'publication-reason', maxlength: 500, required: true });
  const status = h('div', { role: 'status' });
  const button = h('button', { type: 'submit', class: 'btn', id: 'publication-submit' },
    project.published ? t('project.withdraw') : t('project.publish'));
  const form = h('form', { class: 'form-narrow', novalidate: true, id: 'publication-form' },
    h('p', { class: 'hint muted small' }, t('project.publishHint')),
    h('label', { for: 'publication-reason' }, t('project.reason')), reason, status, button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    try {
      await post(`api/projects/${project.id}/publication`, { published: !project.published, reason: reason.value.trim() });
      location.reload();
    } catch (err) {
      replace(status, h('p', { class: 'notice notice--bad', role: 'alert' }, errorText(err)));
      button.disabled = false;
    }
  });
  return card(t('project.publication'), form);
}

// The applicant corrects the facts before the approval decision: a new anchored version naming the reason.
function amendmentCard(project) {
  const name = h('input', { type: 'text', id: 'amend-name', maxlength: 200, value: project.name });
  const district = h('input', { type: 'text', id: 'amend-district', maxlength: 100, value: project.district });
  const area = h('input', { type: 'number', id: 'amend-area', min: 0, step: '0.01', value: project.areaSquareMeters });
  const industrial = h('input', { type: 'checkbox', id: 'amend-industrial', checked: project.formerIndustrial });
  const reason = h('textarea', { id: 'amend-reason', maxlength: 500, required: true });
  const status = h('div', { role: 'status' });
  const button = h('button', { type: 'submit', class: 'btn', id: 'amend-submit' }, t('project.amend'));
  const form = h('form', { class: 'form-narrow', novalidate: true, id: 'amend-form' },
    h('label', { for: 'amend-name' }, t('project.name')), name,
    h('label', { for: 'amend-district' }, t('project.district')), district,
    h('label', { for: 'amend-area' }, t('project.area')), area,
    h('label', { class: 'choice' }, industrial, t('project.formerIndustrialQuestion')),
    h('label', { for: 'amend-reason' }, t('project.reason')), reason, status, button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    try {
      await post(`api/projects/${project.id}/amendments`, {
        name: name.value.trim(), district: district.value.trim(),
        areaSquareMeters: area.value === '' ? null : Number(area.value), formerIndustrial: industrial.checked,
        description: project.description, reason: reason.value.trim() });
      location.reload();
    } catch (err) {
      replace(status, h('p', { class: 'notice notice--bad', role: 'alert' }, errorText(err)));
      button.disabled = false;
    }
  });
  const details = h('details', { id: 'amendment' }, h('summary', {}, t('project.amendHint')), form);
  return card(t('project.amendment'), details);
}

/** The applicant gives the parcels as a GeoJSON file (CGCS2000), with the reason: a new version of the facts. */
function parcelsForm(project, onSaved) {
  const file = h('input', { type: 'file', id: 'parcels-file', accept: '.geojson,.json,application/geo+json' });
  const reason = h('input', { type: 'text', id: 'parcels-reason', maxlength: '500', required: true });
  const result = live({ id: 'parcels-result' });
  const form = h('form', { class: 'stack' },
    h('label', { for: 'parcels-file' }, t('parcels.file')), file,
    h('label', { for: 'parcels-reason' }, t('project.reason')), reason,
    h('button', { type: 'submit', class: 'btn' }, t('parcels.save')), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(result);
    try {
      const text = await file.files[0]?.text();
      let geojson = null;
      try { geojson = text ? JSON.parse(text) : null; } catch { geojson = null; }
      await put(`api/projects/${seg(project.id)}/parcels`, { geojson, reason: reason.value });
      replace(result, h('p', { class: 'notice' }, t('parcels.saved')));
      await onSaved();
    } catch (e) {
      replace(result, errorNotice(e));
    }
  });
  return card(t('parcels.give'), form);
}

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
  main.append(card(t('project.facts'), status));
  const parcelsBox = h('div', { id: 'parcels' });
  main.append(parcelsBox);
  const showParcels = async () => replace(parcelsBox, await parcelsCard(project.id));
  await showParcels();
  if (hasRole('APPLICANT') && project.status === 'ACTIVE' && AMENDABLE.includes(project.currentStage)) {
    main.append(parcelsForm(project, showParcels));
  }
  if (hasRole('APPROVER') && project.status !== 'ARCHIVED') main.append(publicationCard(project));
  if (hasRole('APPLICANT') && project.status === 'ACTIVE' && AMENDABLE.includes(project.currentStage)) {
    main.append(amendmentCard(project));
  }
  main.append(card(t('project.openTasks'), tasksBox), card(t('project.evidence'), progress, evidenceBox));

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
