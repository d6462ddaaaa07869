// Completing a task: the stage's document checklist, uploads with progress, outcome and opinion.
import { h, replace, live, uid } from '../dom.js';
import { get, post, seg } from '../api.js';
import { t, pick, formatDate } from '../i18n.js';
import { stage as stageOf, stageName } from '../lifecycle.js';
import { session } from '../session.js';
import { pageHead, card, facts, errorText, errorNotice } from '../ui/common.js';
import { deadlineBadge } from '../ui/badges.js';
import { checklist, currentDocuments, missingTypes } from '../ui/checklist.js';
import { uploadQueue } from '../ui/upload-queue.js';
import { overlapCard } from '../ui/parcels.js';

export async function render(main, params) {
  const view = await get(`api/tasks/${seg(params.id)}`);
  const { task, definition } = view;
  const projectId = seg(task.projectId);
  const [project, initialTimeline] = await Promise.all([
    get(`api/projects/${projectId}`), get(`api/projects/${projectId}/timeline`)]);
  // files the service writes itself (overlap reports, inspections) are neither uploaded nor checked off here
  const fullStage = stageOf(definition.stage);
  const stage = { ...fullStage, documents: fullStage.documents.filter((d) => d.rule !== 'GENERATED') };
  let timeline = initialTimeline;
  const stageDocuments = () => currentDocuments(timeline, stage.code);

  const checklistBox = h('div', { id: 'checklist' }, checklist(stage, stageDocuments(), project.formerIndustrial));
  const reloadTimeline = async () => {
    timeline = await get(`api/projects/${projectId}/timeline`);
    replace(checklistBox, checklist(stage, stageDocuments(), project.formerIndustrial));
  };

  main.append(pageHead(pick(definition), `${project.code} · ${project.name}`,
    h('a', { class: 'btn btn--ghost', href: `#/projects/${project.id}` }, t('task.viewProject'))));

  main.append(card(t('task.about'), facts([
    [t('common.project'), h('a', { href: `#/projects/${project.id}` }, `${project.code} ${project.name}`)],
    [t('common.stage'), stageName(definition.stage)],
    [t('tasks.created'), formatDate(task.created)],
    [t('tasks.deadline'), deadlineBadge(task.due)],
    [t('tasks.assignee'), assigneeLine(task)],
  ])));

  main.append(card(t('task.checklist'), checklistBox));

  if (stage.documents.length) {
    main.append(card(t('task.upload'), uploadQueue({
      taskId: task.id,
      stage,
      defaultClassification: project.published ? 'PUBLIC' : 'INTERNAL',
      documents: stageDocuments,
      suggestType: (queued) => {
        const missing = missingTypes(stage, stageDocuments(), project.formerIndustrial)
          .map((m) => m.split('|')[0]).filter((m) => !queued.includes(m));
        return missing[0];
      },
      onUploaded: () => reloadTimeline(),
    })));
  }

  if (definition.element === 'Task_ReviewEcology') main.append(await overlapCard(task.projectId));

  main.append(card(t('task.decide'), decisionForm(task, definition)));
}

function assigneeLine(task) {
  if (task.assignee) return task.assignee === session().username ? t('task.claimedByMe') : task.assignee;
  const button = h('button', { type: 'button', class: 'btn btn--ghost btn--small', id: 'claim' }, t('task.claim'));
  const line = h('span', { class: 'row' }, h('span', {}, t('task.unclaimed')), button);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const claimed = await post(`api/tasks/${seg(task.id)}/claim`);
      replace(line, claimed.task.assignee === session().username ? t('task.claimedByMe') : claimed.task.assignee);
    } catch (e) {
      replace(line, errorNotice(e));
    }
  });
  return line;
}

function decisionForm(task, definition) {
  const result = live({ id: 'decision-result' });
  const name = uid('outcome');
  const opinionId = uid('opinion');
  const opinion = h('textarea', { id: opinionId, name: 'opinion', maxlength: 4000 });
  const opinionLabel = h('label', { for: opinionId }, t('task.opinion'));
  const required = h('span', { class: 'req', hidden: true }, ` ${t('common.required')}`);
  opinionLabel.append(required);
  const radios = definition.outcomes.map((o, i) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name, value: o.code, checked: i === 0, 'data-outcome': o.code }), pick(o)));
  const selected = () => radios.map((r) => r.querySelector('input')).find((r) => r.checked)?.value;
  const outcomeOf = (code) => definition.outcomes.find((o) => o.code === code);
  const syncRequired = () => {
    const needs = Boolean(outcomeOf(selected())?.needsOpinion);
    required.hidden = !needs;
    opinion.required = needs;
  };
  radios.forEach((r) => r.addEventListener('change', syncRequired));
  syncRequired();

  const submit = h('button', { type: 'submit', class: 'btn', id: 'complete-task' }, t('task.submit'));
  const form = h('form', { novalidate: true },
    h('fieldset', {}, h('legend', {}, t('task.outcome')), radios),
    h('div', { class: 'field' }, opinionLabel, opinion,
      h('span', { class: 'hint' }, t('task.opinionHint'))),
    result, submit);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const outcome = outcomeOf(selected());
    if (outcome.needsOpinion && !opinion.value.trim()) {
      replace(result, h('p', { class: 'notice notice--bad', role: 'alert' }, t('error.OPINION_REQUIRED')));
      opinion.focus();
      return;
    }
    submit.disabled = true;
    replace(result, h('p', { class: 'muted' }, t('task.submitting')));
    try {
      const decision = await post(`api/tasks/${seg(task.id)}/complete`, { outcome: outcome.code, opinion: opinion.value });
      replace(form, h('div', { class: 'notice notice--ok', role: 'status', id: 'task-completed', tabindex: '-1' },
        h('h3', {}, t('task.completed', { outcome: pick(outcome) })),
        h('p', {}, t('task.completedAnchoring')),
        h('p', { class: 'small' }, t('task.decisionId'), ' ', h('code', {}, decision.id)),
        h('p', { class: 'row' },
          h('a', { class: 'btn', href: '#/tasks' }, t('task.backToTasks')),
          h('a', { class: 'btn btn--ghost', href: `#/projects/${task.projectId}` }, t('task.viewProject')))));
      form.querySelector('#task-completed')?.focus();
    } catch (err) {
      replace(result, h('p', { class: 'notice notice--bad', role: 'alert', 'data-error': err.code }, errorText(err)));
      submit.disabled = false;
    }
  });
  return form;
}
