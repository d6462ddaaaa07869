// Drop a file, get its SHA-256 computed in this browser (the file itself never leaves the machine).
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { dropzone } from './dropzone.js';
import { sha256Hex } from './digest.js';

/** localHash({title, onDigest(digest, file)}) → element; status goes to the given live region. */
export function localHash({ title, status, onDigest, name = 'verify-file' }) {
  return dropzone({
    title, name, hint: t('verify.privacy'),
    onFiles: async ([file]) => {
      replace(status, h('p', { class: 'muted' }, t('verify.hashing', { name: file.name })));
      try {
        const digest = await sha256Hex(file);
        await onDigest(digest, file);
      } catch (e) {
        replace(status, h('p', { class: 'notice notice--bad', role: 'alert' }, t('verify.hashFailed'), ' ', String(e.message || e)));
      }
    },
  });
}
