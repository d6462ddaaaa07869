// The service's JSON API: CSRF header on every change, errors as ApiError {status, code, message, details}.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.code = (body && body.code) || `HTTP_${status}`;
    this.details = (body && body.details) || {};
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : '';
}

async function parse(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof body === 'object' ? body : { message: body });
  return body;
}

/** Listeners told when the server says the session is gone (401 on an API call). */
const unauthenticated = new Set();
export const onUnauthenticated = (fn) => unauthenticated.add(fn);

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (body instanceof URLSearchParams || body instanceof FormData) payload = body;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  try {
    return await parse(response);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && path.startsWith('api/')) unauthenticated.forEach((fn) => fn(e));
    throw e;
  }
}

export const get = (path) => send('GET', path);

/** A page of a list the API pages (limit/offset), with the number of all matches from X-Total-Count (or null). */
export async function getPage(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const total = response.headers.get('X-Total-Count');
  try {
    return { items: await parse(response), total: total == null ? null : Number(total) };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) unauthenticated.forEach((fn) => fn(e));
    throw e;
  }
}
export const post = (path, body) => send('POST', path, body);
export const put = (path, body) => send('PUT', path, body);
export const del = (path) => send('DELETE', path);

/**
 * A multipart upload with progress, through XMLHttpRequest (fetch cannot report upload progress).
 * onProgress(loaded, total) is called as the bytes leave; resolves with the parsed JSON answer.
 */
export function upload(path, fields, file, onProgress) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value != null && value !== '') form.append(name, value);
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-XSRF-TOKEN', csrfToken());
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded, e.total); });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { body = { message: xhr.responseText }; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { code: 'NETWORK', message: 'network error' })));
    xhr.send(form);
  });
}

/** Encodes one path segment (ids come from the server, but never trust a hash fragment). */
export const seg = (value) => encodeURIComponent(String(value));
