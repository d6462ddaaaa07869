// Files waiting to be uploaded to a task: document type, classification, optional predecessor, progress per file.
import { h, replace, uid } from '../dom.js';
import { upload, seg } from '../api.js';
import { t, pick, formatSize } from '../i18n.js';
import { dropzone } from './dropzone.js';
import { errorText } from './common.js';

const CLASSIFICATIONS = ['PUBLIC', 'INTERNAL', 'SENSITIVE'];
const PARALLEL = 3;

/**
 * uploadQueue({taskId, stage, defaultClassification, documents(), suggestType(queuedTypes), onUploaded(doc)})
 * documents() gives the stage's current documents (for the "replaces" choice).
 */
export function uploadQueue(options) {
  const rows = [];
  const list = h('ul', { class: 'queue', id: 'upload-queue', 'aria-live': 'polite' });
  const start = h('button', { type: 'button', class: 'btn', id: 'upload-start', disabled: true }, t('upload.start'));
  const summary = h('p', { class: 'muted small', role: 'status' });

  const zone = dropzone({
    title: t('upload.dropTitle'), hint: t('upload.dropHint'), multiple: true, name: 'documents',
    onFiles: (files) => files.forEach(add),
  });

  function add(file) {
    const row = makeRow(file);
    rows.push(row);
    list.append(row.element);
    refresh();
  }

  function makeRow(file) {
    const id = uid('up');
    const queued = rows.filter((r) => r.state === 'queued').map((r) => r.type.value);
    const type = h('select', { id: `${id}-type`, 'data-field': 'documentType' }, options.stage.documents.map((d) =>
      h('option', { value: d.type }, pick(d))));
    type.value = options.suggestType(queued) || options.stage.documents[0]?.type;
    const classification = h('select', { id: `${id}-class`, 'data-field': 'classification' }, CLASSIFICATIONS.map((c) =>
      h('option', { value: c }, t(`classification.${c}`))));
    classification.value = options.defaultClassification;
    const replaces = h('select', { id: `${id}-replaces`, 'data-field': 'replaces' });
    const fillReplaces = () => replace(replaces, h('option', { value: '' }, t('upload.newDocument')),
      options.documents().filter((d) => d.documentType === type.value).map((d) =>
        h('option', { value: d.evidenceId }, t('upload.replaces', { version: d.version, name: d.fileName || d.evidenceId }))));
    fillReplaces();
    type.addEventListener('change', fillReplaces);
    const progress = h('progress', { max: 100, value: 0, 'aria-label': t('upload.progressOf', { name: file.name }) });
    const status = h('span', { class: 'small', 'data-upload-status': 'queued' }, t('upload.queued'));
    const remove = h('button', { type: 'button', class: 'btn btn--ghost btn--small' }, t('upload.remove'));
    const row = { file, type, classification, replaces, progress, status, state: 'queued' };
    row.element = h('li', { 'data-file': file.name },
      h('div', { class: 'spread' }, h('span', { class: 'file-name' }, file.name), h('span', { class: 'muted small' }, formatSize(file.size))),
      h('div', { class: 'controls' },
        h('label', { for: type.id }, t('upload.documentType'), type),
        h('label', { for: classification.id }, t('upload.classification'), classification),
        h('label', { for: replaces.id }, t('upload.version'), replaces)),
      progress,
      h('div', { class: 'spread' }, status, remove));
    remove.addEventListener('click', () => {
      rows.splice(rows.indexOf(row), 1);
      row.element.remove();
      refresh();
    });
    row.remove = remove;
    return row;
  }

  function setStatus(row, state, text) {
    row.state = state;
    row.status.dataset.uploadStatus = state;
    row.status.className = `small badge badge--${{ done: 'ok', failed: 'bad', sending: 'info' }[state] || 'plain'}`;
    row.status.textContent = text;
  }

  function refresh() {
    const waiting = rows.filter((r) => r.state === 'queued' || r.state === 'failed').length;
    start.disabled = waiting === 0;
    summary.textContent = rows.length ? t('upload.summary', {
      total: rows.length, done: rows.filter((r) => r.state === 'done').length, waiting }) : '';
  }

  async function send(row) {
    setStatus(row, 'sending', t('upload.sending'));
    [row.type, row.classification, row.replaces, row.remove].forEach((el) => { el.disabled = true; });
    try {
      const doc = await upload(`api/tasks/${seg(options.taskId)}/documents`, {
        documentType: row.type.value, classification: row.classification.value, replaces: row.replaces.value,
      }, row.file, (loaded, total) => { row.progress.value = Math.round((loaded / total) * 100); });
      row.progress.value = 100;
      setStatus(row, 'done', t('upload.done', { version: doc.version, sha: doc.file.sha256.slice(0, 12) }));
      options.onUploaded(doc);
    } catch (e) {
      row.progress.value = 0;
      setStatus(row, 'failed', `${t('upload.failed')} ${errorText(e)}`);
      [row.type, row.classification, row.replaces, row.remove].forEach((el) => { el.disabled = false; });
    }
    refresh();
  }

  start.addEventListener('click', async () => {
    start.disabled = true;
    const pending = rows.filter((r) => r.state === 'queued' || r.state === 'failed');
    const workers = Array.from({ length: Math.min(PARALLEL, pending.length) }, async () => {
      while (pending.length) await send(pending.shift());
    });
    await Promise.all(workers);
    refresh();
  });

  return h('div', {}, zone, list, h('div', { class: 'spread', style: 'margin-top:.8rem' }, summary, start));
}
