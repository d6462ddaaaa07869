// A drop zone for files that also works from the keyboard (a real button opens the file chooser).
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';

/** dropzone({title, hint, multiple, onFiles(files)}) */
export function dropzone({ title, hint, multiple = false, onFiles, name = 'file' }) {
  const inputId = uid('file');
  const input = h('input', { type: 'file', id: inputId, class: 'sr-only', multiple, tabindex: '-1', name,
    'aria-hidden': 'true' });
  const choose = h('button', { type: 'button', class: 'btn btn--ghost' }, multiple ? t('drop.chooseMany') : t('drop.choose'));
  const zone = h('div', { class: 'dropzone', 'data-dropzone': name },
    h('svg', { class: 'dropzone__icon', viewBox: '0 0 24 24', 'aria-hidden': 'true' }),
    h('p', {}, h('strong', {}, title)),
    hint ? h('p', { class: 'muted small' }, hint) : null,
    h('p', {}, choose),
    input);
  zone.querySelector('svg').innerHTML = '<path fill="none" stroke="currentColor" stroke-width="1.8" d="M12 16V4m0 0L7 9m5-5 5 5M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4"/>';

  const deliver = (list) => {
    const files = Array.from(list || []).filter((f) => f && f.size >= 0);
    if (files.length) onFiles(multiple ? files : files.slice(0, 1));
  };
  choose.addEventListener('click', () => input.click());
  input.addEventListener('change', () => { deliver(input.files); input.value = ''; });
  zone.addEventListener('dragover', (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; zone.classList.add('dropzone--over'); });
  zone.addEventListener('dragleave', (e) => { if (!zone.contains(e.relatedTarget)) zone.classList.remove('dropzone--over'); });
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dropzone--over');
    deliver(e.dataTransfer && e.dataTransfer.files);
  });
  return zone;
}

/** Stops a file dropped outside a drop zone from replacing the page. */
export function guardWindowDrops() {
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, (e) => { if (!e.target.closest || !e.target.closest('.dropzone')) e.preventDefault(); });
  }
}
