// The public portal: search published projects.
import { h, replace } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { stageName } from '../lifecycle.js';
import { go } from '../router.js';
import { pageHead, card, empty, labelled } from '../ui/common.js';
import { projectStatusBadge } from '../ui/badges.js';
import { pagedList } from '../ui/pager.js';

export async function render(main, params, query) {
  const q = query.get('q') || '';
  const input = h('input', { type: 'search', id: 'public-q', name: 'q', value: q, maxlength: 100,
    placeholder: t('public.searchPlaceholder'), 'aria-describedby': 'public-q-hint' });
  const form = h('form', { role: 'search' },
    h('label', { for: 'public-q', class: 'sr-only' }, t('public.search')),
    h('div', { class: 'search' }, input, h('button', { type: 'submit', class: 'btn', id: 'public-search' }, t('public.search'))),
    h('p', { class: 'hint muted small', id: 'public-q-hint' }, t('public.searchHint')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    go(text ? `/public?q=${encodeURIComponent(text)}` : '/public');
  });

  const size = 50;
  const list = h('ul', { class: 'list' });
  const { first, footer } = await pagedList(list, `api/public/projects${q ? `?q=${encodeURIComponent(q)}` : ''}`,
    (p) => h('li', { class: 'item', 'data-project': p.id },
      h('div', { class: 'spread' }, h('h3', {}, h('a', { href: `#/public/projects/${p.id}` }, p.name)), projectStatusBadge(p.status)),
      h('div', { class: 'meta' },
        h('span', {}, labelled(t('project.code'), p.code)),
        h('span', {}, labelled(t('project.district'), p.district || '—')),
        h('span', {}, labelled(t('common.stage'), stageName(p.currentStage))),
        h('span', {}, labelled(t('project.updated'), formatDate(p.updatedAt, false))))), size);
  const n = first.length < size ? String(first.length) : `${size}+`;
  const results = h('div', { 'aria-live': 'polite', id: 'public-results' });
  replace(results,
    h('p', { class: 'muted small', role: 'status' }, q ? t('public.resultsFor', { n, q }) : t('public.results', { n })),
    first.length ? list : empty(t('public.none')), footer);

  main.append(
    pageHead(t('public.title'), t('public.subtitle'),
      h('a', { class: 'btn btn--ghost', href: '#/verify' }, t('nav.verify'))),
    card(null, form), results);
}
