// Apache ECharts, served from the service's own assets (copied from the npm package's WebJar at build time), loaded
// once on the first page that draws a chart. Charts are drawn on canvas: ECharts' SVG renderer sets a style
// attribute on its root element, which the Content-Security-Policy (no inline styles) refuses.
import { t } from '../i18n.js';

const SRC = 'assets/vendor/echarts/dist/echarts.min.js';
let loading = null;

export function loadCharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = SRC;
      script.async = true;
      script.onload = () => (window.echarts ? resolve(window.echarts) : reject(new Error(t('cockpit.chartsMissing'))));
      script.onerror = () => { loading = null; reject(new Error(t('cockpit.chartsMissing'))); };
      document.head.append(script);
    });
  }
  return loading;
}

/** The palette: the UI's navy first, then colours that stay apart for colour-blind readers. */
export const PALETTE = ['#1d3a6b', '#d1831f', '#2f8f6b', '#b8475a', '#5f7fbf', '#8c6bb1', '#7a8793', '#c9a227'];

/**
 * Draws `option` into `el` and returns a disposer; `onClick(params)` gets ECharts' click parameters.
 * The chart follows the element's size (ResizeObserver), so it fits a phone and a printed page.
 */
export function drawChart(echarts, el, option, onClick) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  // Tooltips are drawn in the chart itself (richText), not as HTML: no markup from data (district names are
  // user text), and nothing the Content-Security-Policy (no inline styles) would refuse.
  const tooltip = option.tooltip ? { ...option.tooltip, renderMode: 'richText' } : undefined;
  chart.setOption({ color: PALETTE, animation: false, textStyle: { fontFamily: 'inherit' }, ...option, tooltip });
  if (onClick) chart.on('click', onClick);
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  return () => { observer.disconnect(); chart.dispose(); };
}
