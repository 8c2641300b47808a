/** The palette of styles.css, for the canvas (ECharts cannot read CSS variables). */
export const chartColors = {
  accent: '#1f5fbf',
  muted: '#7d8a97',
  text: '#1d2329',
  line: '#d9dde1',
  font: '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",system-ui,sans-serif',
};
