// Lists the API serves a page at a time (limit/offset): the first page at once, the next ones on "load more".
import { h } from '../dom.js';
import { getPage } from '../api.js';
import { t } from '../i18n.js';
import { errorNotice } from './common.js';

/**
 * Fills `list` with the items of `path`, `size` at a time, each drawn by `item`. Resolves with the first page,
 * the number of all matches when the API says it (X-Total-Count, else null) and a footer holding the
 * "load more" button, shown while more remain (or, without a total, while the last page came back full).
 */
export async function pagedList(list, path, item, size = 50) {
  const separator = path.includes('?') ? '&' : '?';
  let offset = 0;
  let total = null;
  const more = h('button', { type: 'button', class: 'btn btn--ghost', hidden: true, 'data-load-more': '' }, t('common.loadMore'));
  const problem = h('div', {});
  const load = async () => {
    const { items: page, total: all } = await getPage(`${path}${separator}limit=${size}&offset=${offset}`);
    offset += page.length;
    total = all;
    list.append(...page.map(item));
    more.hidden = total == null ? page.length < size : offset >= total || page.length === 0;
    return page;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    problem.replaceChildren();
    try {
      await load();
    } catch (e) {
      problem.append(errorNotice(e));
    } finally {
      more.disabled = false;
    }
  });
  const first = await load();
  return { first, total, footer: h('div', { class: 'pager no-print' }, more, problem) };
}
