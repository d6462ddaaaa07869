// Stored land to inspect (管护巡查): each project in the reserve, when it is due, missed cycles, rectifications.
import { h, replace } from '../dom.js';
import { get } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { hasRole } from '../session.js';
import { pageHead, card, empty, errorNotice } from '../ui/common.js';

export async function render(main) {
  main.append(pageHead(t('inspections.title'), t('inspections.subtitle')));
  const box = h('div', { id: 'inspections-due' });
  main.append(box);
  try {
    const due = await get('api/inspections/due');
    if (!due.length) { replace(box, empty(t('inspections.none'))); return; }
    replace(box, due.map((d) => card(`${d.code} · ${d.name}`,
      h('p', {}, d.overdue
        ? h('span', { class: 'badge badge--bad', 'data-due': 'overdue' }, t('inspections.overdue', { at: formatDate(d.dueBy) }))
        : h('span', { class: 'badge badge--info', 'data-due': 'due' }, t('inspections.dueBy', { at: formatDate(d.dueBy) }))),
      h('p', { class: 'small muted' }, `${d.district} · ${t('inspections.last')}: ${d.lastInspection ? formatDate(d.lastInspection) : t('inspections.never')}`),
      d.escalations.length ? h('p', { class: 'notice notice--warn' }, t('inspections.escalated', { n: d.escalations.length })) : null,
      d.rectifications.length ? h('ul', {}, d.rectifications.map((r) => h('li', { 'data-rectification': r.status },
        t(`inspections.rectification.${r.status}`, { at: formatDate(r.deadline) })))) : null,
      hasRole('INSPECTOR') ? h('a', { class: 'btn', href: `#/inspections/${d.projectId}`, 'data-inspect': d.projectId },
        t('inspections.record')) : null)));
  } catch (e) {
    replace(box, errorNotice(e));
  }
}
