// Message bundles (assets/i18n/<lang>.json), the chosen language, and locale-aware formatting.
const SUPPORTED = ['zh-CN', 'en'];
const DEFAULT = 'zh-CN';
const STORAGE_KEY = 'landreserve.lang';

let current = DEFAULT;
let messages = {};
let fallback = {};

async function bundle(lang) {
  const response = await fetch(`assets/i18n/${lang}.json`);
  if (!response.ok) throw new Error(`message bundle ${lang}: HTTP ${response.status}`);
  return response.json();
}

/** The remembered choice, else the first of the browser's languages we speak, else Chinese. */
export function preferredLanguage() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (SUPPORTED.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language || '']) {
    const lower = String(tag).toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return DEFAULT;
}

export async function useLanguage(lang, remember = false) {
  if (!SUPPORTED.includes(lang)) lang = DEFAULT;
  const [main, base] = await Promise.all([bundle(lang), lang === DEFAULT ? null : bundle(DEFAULT)]);
  messages = main;
  fallback = base || {};
  current = lang;
  document.documentElement.lang = lang;
  if (remember) localStorage.setItem(STORAGE_KEY, lang);
}

export const language = () => current;
export const otherLanguage = () => (current === 'en' ? 'zh-CN' : 'en');

/** t('tasks.due', {date}) — a message with {placeholders} filled in; the key itself when nothing is known. */
export function t(key, params) {
  let text = messages[key] ?? fallback[key] ?? key;
  if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (params[name] ?? m));
  return text;
}

/** Picks the right side of a {zh, en} name from the server. */
export function pick(name) {
  if (!name) return '';
  return current === 'en' ? (name.en || name.zh || '') : (name.zh || name.en || '');
}

/** The Intl locale: Chinese as chosen, or the browser's own English variant (en-GB dates stay en-GB). */
function locale() {
  if (current !== 'en') return current;
  return (navigator.languages || []).find((l) => l.toLowerCase().startsWith('en')) || 'en';
}

export function formatDate(iso, withTime = true) {
  if (!iso) return '—';
  const options = withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(locale(), options).format(new Date(iso));
}

export function formatNumber(n, digits = 2) {
  if (n == null || n === '') return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(Number(n));
}

export function formatSize(bytes) {
  if (bytes == null) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${formatNumber(value, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** "in 3 days" / "2 天前" */
export function formatRelative(iso) {
  const days = Math.round((new Date(iso).getTime() - Date.now()) / 86_400_000);
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  if (Math.abs(days) >= 1) return rtf.format(days, 'day');
  const hours = Math.round((new Date(iso).getTime() - Date.now()) / 3_600_000);
  return rtf.format(hours, 'hour');
}
