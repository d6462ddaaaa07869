// The lifecycle catalogue (stages, document types, task definitions), loaded once and looked up by code.
import { get } from './api.js';
import { pick, t } from './i18n.js';

let stages = [];
let tasks = [];

export async function loadLifecycle() {
  if (stages.length) return;
  [stages, tasks] = await Promise.all([get('api/lifecycle/stages'), get('api/lifecycle/tasks')]);
}

export const allStages = () => stages;
export const stage = (code) => stages.find((s) => s.code === code);
export const stageName = (code) => (stage(code) ? pick(stage(code).name) : (code || '—'));
export const taskDefinition = (element) => tasks.find((d) => d.element === element);
export const taskName = (element) => (taskDefinition(element) ? pick(taskDefinition(element)) : element);

export function documentTypeName(type) {
  for (const s of stages) {
    const doc = s.documents.find((d) => d.type === type);
    if (doc) return pick(doc);
  }
  return type;
}

/** "A|B" (a one-of group from MISSING_DOCUMENTS) as "A 或 B". */
export function missingName(entry) {
  return String(entry).split('|').map(documentTypeName).join(t('common.or'));
}

/** The name of an outcome code within a stage (decisions on the public page carry only stage and outcome). */
export function outcomeName(stageCode, code) {
  for (const d of tasks.filter((x) => x.stage === stageCode)) {
    const outcome = d.outcomes.find((o) => o.code === code);
    if (outcome) return pick(outcome);
  }
  return code || '—';
}

/** Whether a stage's document is needed for this project: 'required', 'oneOf' or 'optional'. */
export function ruleOf(doc, formerIndustrial) {
  if (doc.rule === 'REQUIRED') return 'required';
  if (doc.rule === 'ONE_OF') return 'oneOf';
  if (doc.rule === 'REQUIRED_IF_FORMER_INDUSTRIAL') return formerIndustrial ? 'required' : 'optional';
  return 'optional';
}

/** A candidate group in words: "applicant" → the applicant role, "reviewer-finance" → the finance department. */
export function groupName(group) {
  if (group.startsWith('reviewer-')) return t(`department.${group.slice('reviewer-'.length)}`);
  const key = `role.${group.toUpperCase()}`;
  return t(key) === key ? group : t(key);
}
