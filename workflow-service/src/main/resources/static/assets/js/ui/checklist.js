// A stage's required-document checklist against the documents already uploaded.
import { h } from '../dom.js';
import { t, pick } from '../i18n.js';
import { ruleOf, documentTypeName } from '../lifecycle.js';

/** The current (not replaced) documents of a stage from a project's timeline. */
export function currentDocuments(timeline, stageCode) {
  const docs = timeline.filter((i) => i.kind === 'DOCUMENT' && i.stage === stageCode);
  const replaced = new Set(docs.map((d) => d.previousId).filter(Boolean));
  return docs.filter((d) => !replaced.has(d.evidenceId));
}

/** The document types still missing (one-of groups as "A|B"), as the server would report them. */
export function missingTypes(stage, documents, formerIndustrial) {
  const have = new Set(documents.map((d) => d.documentType));
  const missing = [];
  const groups = new Map();
  for (const doc of stage.documents) {
    const rule = ruleOf(doc, formerIndustrial);
    if (rule === 'required' && !have.has(doc.type)) missing.push(doc.type);
    if (rule === 'oneOf') groups.set(doc.group, [...(groups.get(doc.group) || []), doc.type]);
  }
  for (const types of groups.values()) if (!types.some((x) => have.has(x))) missing.push(types.join('|'));
  return missing;
}

export function checklist(stage, documents, formerIndustrial) {
  if (!stage.documents.length) return h('p', { class: 'muted' }, t('checklist.nothing'));
  const missing = missingTypes(stage, documents, formerIndustrial);
  const summary = missing.length
    ? h('p', { class: 'notice notice--warn', 'data-checklist': 'incomplete' }, t('checklist.missing', { n: missing.length }))
    : h('p', { class: 'notice notice--ok', 'data-checklist': 'complete' }, t('checklist.complete'));
  const items = stage.documents.map((doc) => {
    const rule = ruleOf(doc, formerIndustrial);
    const uploaded = documents.filter((d) => d.documentType === doc.type);
    const groupMates = rule === 'oneOf'
      ? stage.documents.filter((d) => d.group === doc.group && d.type !== doc.type) : [];
    const groupDone = groupMates.some((m) => documents.some((d) => d.documentType === m.type));
    let state;
    if (uploaded.length) {
      const latest = uploaded[uploaded.length - 1];
      state = h('span', { class: 'badge badge--ok' }, t('checklist.uploaded', { n: uploaded.length, version: latest.version }));
    } else if (rule === 'required' || (rule === 'oneOf' && !groupDone)) {
      state = h('span', { class: 'badge badge--bad' }, t('checklist.absent'));
    } else {
      state = h('span', { class: 'badge badge--plain' }, t('checklist.notUploaded'));
    }
    const ruleText = rule === 'oneOf'
      ? t('checklist.rule.oneOf', { others: groupMates.map((m) => documentTypeName(m.type)).join(t('common.or')) })
      : doc.rule === 'REQUIRED_IF_FORMER_INDUSTRIAL' ? t('checklist.rule.ifIndustrial') : t(`checklist.rule.${rule}`);
    return h('li', { 'data-doc-type': doc.type },
      h('span', {}, h('strong', {}, pick(doc)), ' ', h('span', { class: 'muted small' }, t('common.parens', { x: ruleText }))),
      state);
  });
  return h('div', {}, summary, h('ul', { class: 'checklist' }, items));
}
