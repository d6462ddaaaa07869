// A drop zone for files that also works from the keyboard (a real button opens the file chooser).
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function uploadIcon() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'dropzone__icon');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '1.8');
  path.setAttribute('d', 'M12 16V4m0 0L7 9m5-5 5 5M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4');
  svg.append(path);
  return svg;
}

/** dropzone({title, hint, multiple, onFiles(files)}) */
export function dropzone({ title, hint, multiple = false, onFiles, name = 'file' }) {
  const inputId = uid('file');
  const input = h('input', { type: 'file', id: inputId, class: 'sr-only', multiple, tabindex: '-1', name,
    'aria-hidden': 'true' });
  const choose = h('button', { type: 'button', class: 'btn btn--ghost' }, multiple ? t('drop.chooseMany') : t('drop.choose'));
  const zone = h('div', { class: 'dropzone', 'data-dropzone': name },
    uploadIcon(),
    h('p', {}, h('strong', {}, title)),
    hint ? h('p', { class: 'muted small' }, hint) : null,
    h('p', {}, choose),
    input);

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
