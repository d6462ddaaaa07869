// All projects (officers and auditors), newest first; applicants open new ones from here.
import { h } from '../dom.js';
import { t, formatDate, formatNumber } from '../i18n.js';
import { stageName } from '../lifecycle.js';
import { hasRole } from '../session.js';
import { pageHead, empty, labelled } from '../ui/common.js';
import { projectStatusBadge } from '../ui/badges.js';
import { pagedList } from '../ui/pager.js';

export async function render(main) {
  const actions = hasRole('APPLICANT') ? [h('a', { class: 'btn', href: '#/projects/new', id: 'new-project' }, t('projects.new'))] : [];
  main.append(pageHead(t('projects.title'), t('projects.subtitle'), ...actions));
  const target = (p) => (hasRole('AUDITOR') ? `#/audit/projects/${p.id}` : `#/projects/${p.id}`);
  const list = h('ul', { class: 'list', id: 'project-list' });
  const { first, footer } = await pagedList(list, 'api/projects', (p) => h('li', { class: 'item', 'data-project': p.id },
    h('div', { class: 'spread' },
      h('h3', {}, h('a', { href: `#/projects/${p.id}` }, p.name)),
      projectStatusBadge(p.status)),
    h('div', { class: 'meta' },
      h('span', {}, labelled(t('project.code'), p.code)),
      h('span', {}, labelled(t('project.district'), p.district || '—')),
      h('span', {}, labelled(t('project.area'), `${formatNumber(p.areaSquareMeters)} ${t('unit.m2')}`)),
      h('span', {}, labelled(t('common.stage'), stageName(p.currentStage))),
      h('span', {}, labelled(t('project.updated'), formatDate(p.updatedAt))),
      p.published ? h('span', { class: 'badge badge--info' }, t('project.published')) : null),
    hasRole('AUDITOR') ? h('p', {}, h('a', { class: 'btn btn--small', href: target(p) }, t('audit.run'))) : null));
  main.append(first.length ? list : empty(t('projects.none')), footer);
}
